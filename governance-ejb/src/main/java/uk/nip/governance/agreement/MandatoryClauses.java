package uk.nip.governance.agreement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The clauses every data-sharing agreement must contain (domain.md). Checked in code as well as
 * flagged in the library, so a template edited in the database alone cannot drop one.
 */
public final class MandatoryClauses {

    public static final String PURPOSE_LIMITATION = "PURPOSE_LIMITATION";
    public static final String NO_REIDENTIFICATION = "NO_REIDENTIFICATION";
    public static final String NO_ONWARD_SHARING = "NO_ONWARD_SHARING";
    public static final String SECURE_SETTING = "SECURE_SETTING";
    public static final String PUBLICATION = "PUBLICATION";
    public static final String BREACH_NOTIFICATION = "BREACH_NOTIFICATION";
    public static final String REVOCATION = "REVOCATION";
    public static final String EXTENSION = "EXTENSION";

    /** In the order an agreement presents them. */
    public static final List<String> CODES = List.of(PURPOSE_LIMITATION, NO_REIDENTIFICATION, NO_ONWARD_SHARING,
            SECURE_SETTING, PUBLICATION, BREACH_NOTIFICATION, REVOCATION, EXTENSION);

    private MandatoryClauses() {
    }

    /** The mandatory clause codes these clauses lack, in agreement order; empty when complete. */
    public static List<String> missingFrom(Collection<Clause> clauses) {
        Set<String> present = clauses.stream().map(Clause::getCode).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        for (String code : CODES) {
            if (!present.contains(code)) {
                missing.add(code);
            }
        }
        return missing;
    }

    /** Refuses a template that lacks a mandatory clause or repeats one, naming each. */
    public static void check(int templateVersion, Collection<Clause> clauses) {
        List<String> missing = missingFrom(clauses);
        if (!missing.isEmpty()) {
            throw new IncompleteTemplateException("Agreement template version " + templateVersion
                    + " lacks the mandatory clause" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                    + "; no agreement can be issued from it.");
        }
        Set<String> seen = new HashSet<>();
        for (Clause c : clauses) {
            if (!seen.add(c.getCode())) {
                throw new IncompleteTemplateException("Agreement template version " + templateVersion
                        + " contains clause " + c.getCode() + " more than once.");
            }
        }
    }

    /** A template that cannot be used; an administrator must publish a complete version. */
    public static class IncompleteTemplateException extends IllegalStateException {
        public IncompleteTemplateException(String message) {
            super(message);
        }
    }
}

package uk.nip.governance.application;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.nip.governance.domain.GovernanceException;

/** Every problem found, by field and in the order found, so they can all be fixed at once. */
public class ValidationException extends GovernanceException {

    private final Map<String, String> problems;

    public ValidationException(Map<String, String> problems) {
        this("This cannot go ahead yet", problems);
    }

    /** {@code summary} says what cannot go ahead ("The collection cannot be saved yet"). */
    public ValidationException(String summary, Map<String, String> problems) {
        super(summary + ": " + String.join("; ", problems.values()));
        this.problems = Collections.unmodifiableMap(new LinkedHashMap<>(problems));
    }

    public Map<String, String> problems() {
        return problems;
    }
}

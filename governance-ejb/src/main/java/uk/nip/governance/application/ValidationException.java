package uk.nip.governance.application;

import java.util.Map;
import uk.nip.governance.domain.GovernanceException;

/** Every problem found at submission, by field, so the researcher can fix them all at once. */
public class ValidationException extends GovernanceException {

    private final Map<String, String> problems;

    public ValidationException(Map<String, String> problems) {
        this("The application cannot be submitted yet", problems);
    }

    /** {@code summary} says what cannot go ahead ("The collection cannot be saved yet"). */
    public ValidationException(String summary, Map<String, String> problems) {
        super(summary + ": " + String.join("; ", problems.values()));
        this.problems = Map.copyOf(problems);
    }

    public Map<String, String> problems() {
        return problems;
    }
}

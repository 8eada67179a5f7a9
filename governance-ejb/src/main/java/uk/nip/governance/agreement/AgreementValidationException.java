package uk.nip.governance.agreement;

import java.util.Map;
import uk.nip.governance.application.ValidationException;

/** A request about an agreement with a missing or wrong field (422); each problem names its field. */
public class AgreementValidationException extends ValidationException {

    private final String summary;

    public AgreementValidationException(String field, String problem) {
        super(Map.of(field, problem));
        this.summary = problem;
    }

    @Override
    public String getMessage() {
        return summary;
    }
}

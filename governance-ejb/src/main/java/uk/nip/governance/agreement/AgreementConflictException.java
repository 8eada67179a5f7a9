package uk.nip.governance.agreement;

import uk.nip.governance.application.ConcurrentEditException;

/**
 * A signature that does not match what is on record: a different document hash, a party that has
 * already signed, or a version that can no longer be signed (409).
 */
public class AgreementConflictException extends ConcurrentEditException {
    public AgreementConflictException(String message) {
        super(message);
    }
}

package uk.nip.governance.application;

import uk.nip.governance.domain.GovernanceException;

/** Someone else saved the same object first; nothing of theirs was overwritten. */
public class ConcurrentEditException extends GovernanceException {
    public ConcurrentEditException(String message) {
        super(message);
    }
}

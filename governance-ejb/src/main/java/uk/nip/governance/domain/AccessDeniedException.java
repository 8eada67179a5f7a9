package uk.nip.governance.domain;

/** The actor may not see or change this particular object. */
public class AccessDeniedException extends GovernanceException {
    public AccessDeniedException(String message) {
        super(message);
    }
}

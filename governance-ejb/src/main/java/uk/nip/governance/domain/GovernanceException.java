package uk.nip.governance.domain;

/** A refusal the user should read: the message says what was refused and why. */
public class GovernanceException extends RuntimeException {
    public GovernanceException(String message) {
        super(message);
    }
}

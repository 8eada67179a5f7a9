package uk.nip.governance.domain;

public class NotFoundException extends GovernanceException {
    public NotFoundException(String message) {
        super(message);
    }
}

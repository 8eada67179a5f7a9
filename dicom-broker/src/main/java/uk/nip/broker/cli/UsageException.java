package uk.nip.broker.cli;

/** A mistake in how the broker was invoked; reported on stderr with exit status 2. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}

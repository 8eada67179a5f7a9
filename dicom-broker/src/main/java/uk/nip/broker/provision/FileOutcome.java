package uk.nip.broker.provision;

/** What happened to one input file. Exactly one of {@code outputPath} and {@code reason} is set. */
public record FileOutcome(String inputPath, Stage reached, String outputPath, String sha256, long bytes,
        QuarantineReason reason, String detail) {

    /** Placeholder while an instance is being processed, so a second delivery of it is ignored. */
    static final FileOutcome PENDING = new FileOutcome("", Stage.RECEIVED, null, null, 0, null, null);

    static FileOutcome written(String inputPath, String outputPath, String sha256, long bytes) {
        return new FileOutcome(inputPath, Stage.WRITTEN, outputPath, sha256, bytes, null, null);
    }

    static FileOutcome quarantined(String inputPath, Stage reached, QuarantineReason reason, String detail) {
        return new FileOutcome(inputPath, reached, null, null, 0, reason, detail);
    }

    public boolean isWritten() {
        return reason == null;
    }
}

package uk.nip.governance.application;

import java.time.Instant;

/** A supporting document as listed: everything but its bytes. */
public record DocumentSummary(long id, String filename, long size, String sha256, String uploadedBy,
        Instant uploadedAt) {
}

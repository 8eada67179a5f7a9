package uk.nip.governance.agreement;

import java.time.Instant;

/** The agreement expired: access ends and the data must be destroyed within the agreed period. */
public record AccessEnded(long applicationId, String reference, int agreementVersion, Instant requestedAt) {
}

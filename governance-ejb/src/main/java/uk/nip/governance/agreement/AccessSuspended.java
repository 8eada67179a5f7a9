package uk.nip.governance.agreement;

import java.time.Instant;

/** Access is suspended (the ethics approval ended); the agreement stays in effect. */
public record AccessSuspended(long applicationId, String reference, String reason, Instant requestedAt) {
}

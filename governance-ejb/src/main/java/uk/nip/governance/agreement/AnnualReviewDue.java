package uk.nip.governance.agreement;

import java.time.Instant;

/** A year of access has passed: the committee reviews the project's progress and conduct. */
public record AnnualReviewDue(long applicationId, String reference, Instant dueAt) {
}

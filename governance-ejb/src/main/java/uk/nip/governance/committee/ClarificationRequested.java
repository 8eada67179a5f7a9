package uk.nip.governance.committee;

/** A reviewer asked the applicant a question; fired inside the asking transaction. */
public record ClarificationRequested(long applicationId, long threadId) {
}

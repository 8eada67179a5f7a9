package uk.nip.governance.committee;

/** Fired when a reviewer's question moves the application to clarification; the review waits. */
public record ClarificationRequested(long applicationId, long threadId) {
}

package uk.nip.governance.committee;

/** Fired when the lead has answered every open question; the review resumes. */
public record ClarificationAnswered(long applicationId) {
}

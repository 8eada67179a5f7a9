package uk.nip.governance.application;

/** Raised when the chair approves an amendment; the agreement service issues the next version. */
public record AmendmentApproved(long applicationId, long amendmentId, String summary) {
}

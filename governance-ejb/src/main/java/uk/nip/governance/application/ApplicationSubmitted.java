package uk.nip.governance.application;

/** Fired inside the submitting transaction; the workflow starts the access-request process on it. */
public record ApplicationSubmitted(long applicationId, String reference) {
}

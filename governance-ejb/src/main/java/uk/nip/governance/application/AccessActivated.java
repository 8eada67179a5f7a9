package uk.nip.governance.application;

/** The de-identified data is provisioned and the project is active; fired inside the activating transaction. */
public record AccessActivated(long applicationId) {
}

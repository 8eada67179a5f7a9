package uk.nip.governance.application;

/** Fired inside the withdrawing transaction; the workflow ends the application's process. */
public record ApplicationWithdrawn(long applicationId, String reference) {
}

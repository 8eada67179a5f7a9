package uk.nip.governance.application;

/**
 * Fired inside the screening transaction; the workflow completes the custodian's screening task.
 *
 * @param complete true when the application goes on to the committee, false when it is returned
 */
public record ScreeningCompleted(long applicationId, boolean complete) {
}

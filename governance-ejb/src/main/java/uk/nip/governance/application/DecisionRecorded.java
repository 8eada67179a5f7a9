package uk.nip.governance.application;

/** Fired inside the deciding transaction; the workflow completes the chair's task on it. */
public record DecisionRecorded(long applicationId, boolean approved) {
}

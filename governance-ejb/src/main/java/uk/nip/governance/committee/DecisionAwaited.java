package uk.nip.governance.committee;

/** The vote that made the committee quorate: the chair may now decide. Fired inside the voting transaction. */
public record DecisionAwaited(long applicationId) {
}

package uk.nip.governance.committee;

/**
 * Fired inside the voting transaction; the workflow completes the member's review task.
 *
 * @param quorate whether the committee is quorate once this vote counts
 */
public record VoteCast(long applicationId, String member, boolean quorate) {
}

package uk.nip.governance.committee;

/**
 * Fired inside the declaring transaction when a member declares a conflict; the workflow closes
 * that member's review task, since they may no longer review.
 *
 * @param quorate whether the committee is still quorate without this member's vote
 */
public record ConflictDeclared(long applicationId, String member, boolean quorate) {
}

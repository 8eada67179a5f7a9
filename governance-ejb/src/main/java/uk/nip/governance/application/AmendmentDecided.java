package uk.nip.governance.application;

/**
 * Raised in the chair's transaction when an amendment or renewal is decided. The amendment process
 * completes its chair's task; on approval it issues the next agreement version.
 */
public record AmendmentDecided(long applicationId, long amendmentId, boolean approved, String summary) {
}

package uk.nip.governance.application;

/** Raised when the lead asks to amend or renew an active application; the amendment process starts. */
public record AmendmentRequested(long applicationId, String reference, long amendmentId, AmendmentKind kind,
        String summary) {
}

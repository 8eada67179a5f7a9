package uk.nip.governance.committee;

/** A member's review passed its due date; fired so the chair can be told. */
public record ReviewOverdue(long applicationId, String member) {
}

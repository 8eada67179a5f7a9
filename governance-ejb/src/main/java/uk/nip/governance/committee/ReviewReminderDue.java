package uk.nip.governance.committee;

/** A member's review is due soon and they have not voted; fired so they can be reminded. */
public record ReviewReminderDue(long applicationId, String member) {
}

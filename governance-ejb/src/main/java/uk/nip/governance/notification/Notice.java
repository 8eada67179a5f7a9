package uk.nip.governance.notification;

/** One plain-text mail to one person about one application. */
public record Notice(String reference, String username, String address, String subject, String body) {
}

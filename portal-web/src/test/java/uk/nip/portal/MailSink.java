package uk.nip.portal;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server (GreenMail) in the test JVM on port 3025, where failsafe's NIP_SMTP_PORT
 * points the server's mail session. Kept apart from the test classes so the classes that also run
 * inside the server never load it.
 */
final class MailSink {

    private static GreenMail server;

    private MailSink() {
    }

    static void start() {
        server = new GreenMail(ServerSetupTest.SMTP);
        server.start();
    }

    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** A mail as the reader sees it. */
    record Mail(List<String> to, String subject, String body) {
    }

    /** Every mail received so far to this address whose subject names this application. */
    static List<Mail> to(String address, String reference) {
        List<Mail> found = new ArrayList<>();
        for (MimeMessage m : server.getReceivedMessages()) {
            Mail mail = read(m);
            if (mail.to().contains(address) && mail.subject().startsWith(reference + ":")) {
                found.add(mail);
            }
        }
        return found;
    }

    /** Waits up to 30 seconds for a mail to this address about this application whose subject says this. */
    static Mail await(String address, String reference, String subjectPart) throws InterruptedException {
        return await(address, reference, subjectPart, 30);
    }

    static Mail await(String address, String reference, String subjectPart, int seconds) throws InterruptedException {
        for (int attempt = 0; attempt < seconds * 5; attempt++) {
            for (Mail m : to(address, reference)) {
                if (m.subject().contains(subjectPart)) {
                    return m;
                }
            }
            Thread.sleep(200);
        }
        List<String> subjects = new ArrayList<>();
        for (MimeMessage m : server.getReceivedMessages()) {
            subjects.add(read(m).to() + " " + read(m).subject());
        }
        throw new AssertionError("No mail to " + address + " about " + reference + " saying '" + subjectPart
                + "'; received: " + subjects);
    }

    private static Mail read(MimeMessage m) {
        try {
            return new Mail(Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList(),
                    m.getSubject(), String.valueOf(m.getContent()).replace("\r\n", "\n"));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("GreenMail holds an unreadable message", e);
        }
    }
}

package uk.nip.governance.notification;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ConnectException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import uk.nip.governance.agreement.AccessEnded;
import uk.nip.governance.agreement.AccessExpiringSoon;
import uk.nip.governance.agreement.AccessRevoked;
import uk.nip.governance.agreement.AccessSuspended;
import uk.nip.governance.agreement.AgreementIssued;
import uk.nip.governance.application.AccessActivated;
import uk.nip.governance.application.AmendmentDecided;
import uk.nip.governance.application.ApplicationSubmitted;
import uk.nip.governance.application.DecisionRecorded;
import uk.nip.governance.committee.ClarificationRequested;
import uk.nip.governance.committee.DecisionAwaited;

/**
 * Tells people by mail about each step they wait on. Mail goes only after the step's transaction
 * committed, on a managed thread, so a slow or missing mail server never delays or undoes a
 * governance decision; a mail that could not be sent is logged, and each one sent is audited.
 */
@ApplicationScoped
public class NotificationMail {

    private static final Logger LOG = Logger.getLogger(NotificationMail.class.getName());

    /** The server's mail session; configure.cli points it at NIP_SMTP_HOST:NIP_SMTP_PORT. */
    @Resource(lookup = "java:jboss/mail/Default")
    Session mail;

    @Resource
    ManagedExecutorService executor;

    @Inject
    Notices notices;

    void submitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) ApplicationSubmitted e) {
        later(() -> notices.submitted(e.applicationId()));
    }

    void clarificationRequested(@Observes(during = TransactionPhase.AFTER_SUCCESS) ClarificationRequested e) {
        later(() -> notices.clarificationRequested(e.applicationId()));
    }

    void decisionAwaited(@Observes(during = TransactionPhase.AFTER_SUCCESS) DecisionAwaited e) {
        later(() -> notices.decisionAwaited(e.applicationId()));
    }

    void decided(@Observes(during = TransactionPhase.AFTER_SUCCESS) DecisionRecorded e) {
        later(() -> notices.decided(e.applicationId(), e.approved()));
    }

    void amendmentDecided(@Observes(during = TransactionPhase.AFTER_SUCCESS) AmendmentDecided e) {
        later(() -> notices.amendmentDecided(e.applicationId(), e.approved(), e.summary()));
    }

    void agreementIssued(@Observes(during = TransactionPhase.AFTER_SUCCESS) AgreementIssued e) {
        later(() -> notices.agreementIssued(e.applicationId(), e.version()));
    }

    void activated(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccessActivated e) {
        later(() -> notices.activated(e.applicationId()));
    }

    void expiringSoon(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccessExpiringSoon e) {
        later(() -> notices.expiringSoon(e.applicationId(), e.endDate()));
    }

    void revoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccessRevoked e) {
        later(() -> notices.revoked(e.applicationId(), e.ground()));
    }

    void suspended(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccessSuspended e) {
        later(() -> notices.suspended(e.applicationId()));
    }

    void ended(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccessEnded e) {
        later(() -> notices.ended(e.applicationId()));
    }

    private void later(Supplier<List<Notice>> compose) {
        executor.execute(() -> {
            try {
                compose.get().forEach(this::send);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Notifications could not be prepared", e);
            }
        });
    }

    private void send(Notice notice) {
        try {
            MimeMessage message = new MimeMessage(mail);
            message.setFrom();
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(notice.address(), true));
            message.setSubject(notice.subject(), "UTF-8");
            message.setText(notice.body(), "UTF-8");
            message.setSentDate(Date.from(Instant.now()));
            Transport.send(message);
        } catch (MessagingException e) {
            LOG.warning(() -> "Mail \"" + notice.subject() + "\" to " + notice.username() + " was not sent: "
                    + reason(e));
            return;
        }
        notices.recordSent(notice);
    }

    private String reason(MessagingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                String host = mail.getProperty("mail.smtp.host");
                return "no mail server answers" + (host == null ? "" : " at " + host + ":"
                        + mail.getProperty("mail.smtp.port")) + " (mail is not configured; set NIP_SMTP_HOST and"
                        + " NIP_SMTP_PORT)";
            }
        }
        return e.getMessage();
    }
}

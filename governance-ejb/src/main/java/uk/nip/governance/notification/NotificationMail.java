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
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ConnectException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import uk.nip.governance.agreement.AccessEnded;
import uk.nip.governance.agreement.AccessExpiringSoon;
import uk.nip.governance.agreement.AccessRevoked;
import uk.nip.governance.agreement.AccessSuspended;
import uk.nip.governance.agreement.AgreementIssued;
import uk.nip.governance.agreement.EthicsApprovalRenewed;
import uk.nip.governance.application.AccessActivated;
import uk.nip.governance.application.AmendmentDecided;
import uk.nip.governance.application.ApplicationSubmitted;
import uk.nip.governance.application.DecisionRecorded;
import uk.nip.governance.application.ScreeningCompleted;
import uk.nip.governance.committee.ClarificationRequested;
import uk.nip.governance.committee.DecisionAwaited;

/**
 * Tells people by mail about each step they wait on. Mail goes only after the step's transaction
 * committed, on a managed thread, so a slow or missing mail server never delays or undoes a
 * governance decision. A mail the server did not take waits in {@link MailQueue} and is tried again
 * ({@link MailRetry}); each one sent is audited.
 */
@ApplicationScoped
public class NotificationMail {

    private static final Logger LOG = Logger.getLogger(NotificationMail.class.getName());
    /** Due mail is read this many at a time. */
    private static final int RETRY_BATCH = 50;

    /** The server's mail session; configure.cli points it at NIP_SMTP_HOST:NIP_SMTP_PORT. */
    @Resource(lookup = "java:jboss/mail/Default")
    Session mail;

    @Resource
    ManagedExecutorService executor;

    @Inject
    Notices notices;

    @Inject
    MailQueue queue;

    void submitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) ApplicationSubmitted e) {
        later(() -> notices.submitted(e.applicationId()));
    }

    void returned(@Observes(during = TransactionPhase.AFTER_SUCCESS) ScreeningCompleted e) {
        if (!e.complete()) {
            later(() -> notices.returned(e.applicationId()));
        }
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

    void ethicsRenewed(@Observes(during = TransactionPhase.AFTER_SUCCESS) EthicsApprovalRenewed e) {
        later(() -> e.resumed() ? notices.resumed(e.applicationId()) : notices.ethicsRenewed(e.applicationId()));
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
        Optional<Refusal> refused = deliver(notice);
        if (refused.isEmpty()) {
            notices.recordSent(notice);
            return;
        }
        Refusal r = refused.get();
        LOG.warning(() -> "Mail \"" + notice.subject() + "\" to " + notice.username() + " was not sent: "
                + r.reason() + (r.permanent() ? "" : "; it waits to be tried again"));
        try {
            queue.defer(notice, r.reason(), r.permanent(), Instant.now());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Mail \"" + notice.subject() + "\" to " + notice.username()
                    + " could not be kept for another try", e);
        }
    }

    /**
     * Tries again the waiting mail that is due, one at a time, outside any transaction: a mail
     * server that takes its time holds no lock. The round ends at the first mail the server does
     * not take (while it is down, one try per round is enough to find out when it is back), or
     * when nothing due is left.
     */
    public void retryDue() {
        List<WaitingMail> due;
        do {
            due = queue.due(Instant.now(), RETRY_BATCH);
            for (WaitingMail w : due) {
                Optional<Refusal> refused = deliver(w.notice());
                if (refused.isEmpty()) {
                    queue.sent(w);
                    continue;
                }
                WaitingMail now = queue.failedAgain(w.getId(), refused.get().reason(), refused.get().permanent(),
                        Instant.now());
                if (now != null && now.isGivenUp()) {
                    LOG.warning(() -> "Mail \"" + now.getSubject() + "\" to " + now.getUsername() + " is given up after "
                            + now.getAttempts() + (now.getAttempts() == 1 ? " try: " : " tries: ") + now.getLastError());
                }
                if (!refused.get().permanent()) {
                    return;
                }
            }
            // each mail of a full batch went or was given up, so the next batch holds others
        } while (due.size() == RETRY_BATCH);
    }

    /** Hands one mail to the mail server; empty when it took it, else why not. */
    private Optional<Refusal> deliver(Notice notice) {
        InternetAddress to;
        try {
            to = new InternetAddress(notice.address(), true);
        } catch (AddressException e) {
            return Optional.of(new Refusal("the address on record is not a mail address", true));
        }
        try {
            MimeMessage message = new MimeMessage(mail);
            message.setFrom();
            message.setRecipient(Message.RecipientType.TO, to);
            message.setSubject(notice.subject(), "UTF-8");
            message.setText(notice.body(), "UTF-8");
            message.setSentDate(Date.from(Instant.now()));
            Transport.send(message);
            return Optional.empty();
        } catch (MessagingException e) {
            // the audit and the administrators' list name people, not their addresses
            return Optional.of(new Refusal(reason(e).replace(notice.address(), "the recipient's address"), false));
        }
    }

    private String reason(MessagingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                String host = mail.getProperty("mail.smtp.host");
                return "no mail server answers" + (host == null ? "" : " at " + host + ":"
                        + mail.getProperty("mail.smtp.port")) + " (is it running? NIP_SMTP_HOST and NIP_SMTP_PORT"
                        + " say where it is)";
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Why a mail did not go; a malformed address is not worth another try. */
    record Refusal(String reason, boolean permanent) {
    }
}

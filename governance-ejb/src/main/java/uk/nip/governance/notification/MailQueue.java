package uk.nip.governance.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import uk.nip.governance.application.ValidationException;
import uk.nip.governance.audit.AuditTrail;
import uk.nip.governance.domain.AccessDeniedException;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.NotFoundException;
import uk.nip.governance.domain.Role;

/**
 * Notification mail waiting for another try (ADR 0016). Each step is audited once: deferred when
 * the first try fails, sent when a later one succeeds, undelivered when it is given up. The
 * tries in between are counted on the row, not audited.
 */
@ApplicationScoped
@Transactional
public class MailQueue {

    private static final Actor MAIL = Actor.system("mail");

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    /** The first try failed: the mail waits for the next, or is given up at once if no try could succeed. */
    public WaitingMail defer(Notice notice, String error, boolean permanent, Instant at) {
        WaitingMail w = new WaitingMail(notice, error, at);
        if (permanent) {
            w.giveUp(at);
        }
        em.persist(w);
        if (permanent) {
            recordGivenUp(w);
        } else {
            audit.record(MAIL, "mail.deferred", "application", notice.reference(), "to " + notice.username()
                    + ", subject: " + notice.subject() + "; not sent (" + w.getLastError() + "), tried again from "
                    + w.getNextAttemptAt());
        }
        return w;
    }

    /** Mail whose next try is due at {@code now}, longest waiting first. */
    public List<WaitingMail> due(Instant now, int max) {
        return em.createQuery("select w from WaitingMail w where w.nextAttemptAt <= :now order by w.nextAttemptAt, w.id",
                WaitingMail.class).setParameter("now", now).setMaxResults(max).getResultList();
    }

    /** A later try went: the row goes, the audit says which try it was. */
    public void sent(WaitingMail tried) {
        // null when dismissed while this try was under way: it went all the same, and the audit says so
        WaitingMail w = em.find(WaitingMail.class, tried.getId());
        audit.record(MAIL, "mail.sent", "application", tried.getReference(), "to " + tried.getUsername() + ", subject: "
                + tried.getSubject() + "; on try " + (tried.getAttempts() + 1)
                + (w == null ? ", dismissed while it was being sent" : ""));
        if (w != null) {
            em.remove(w);
        }
    }

    /** Another try failed. Returns the mail as it now stands: given up, or waiting again. */
    public WaitingMail failedAgain(long id, String error, boolean permanent, Instant at) {
        WaitingMail w = em.find(WaitingMail.class, id);
        if (w == null || w.isGivenUp()) {
            return w;
        }
        w.failedAgain(error, at);
        if (permanent && !w.isGivenUp()) {
            w.giveUp(at);
        }
        if (w.isGivenUp()) {
            recordGivenUp(w);
        }
        return w;
    }

    private void recordGivenUp(WaitingMail w) {
        audit.record(MAIL, "mail.undelivered", "application", w.getReference(), "to " + w.getUsername()
                + ", subject: " + w.getSubject() + "; given up after " + w.getAttempts()
                + (w.getAttempts() == 1 ? " try" : " tries since " + w.getFirstFailedAt()) + " (" + w.getLastError()
                + ")");
    }

    /**
     * An administrator has a mail tried at the next round, usually once the cause is fixed: a given-up
     * mail gets two more days of tries, a waiting one goes without waiting out its wait.
     */
    public WaitingMail tryAgain(Actor actor, long id, String reason) {
        WaitingMail w = forAdministrator(actor, id, reason, "tried again");
        String before = w.isGivenUp() ? "given up at " + w.getGivenUpAt() : "next try was due at " + w.getNextAttemptAt();
        w.tryAgain(Instant.now());
        audit.record(actor, "mail.retry", "application", w.getReference(), "to " + w.getUsername() + ", subject: "
                + w.getSubject() + "; " + before + " after " + tries(w) + " (" + w.getLastError()
                + "); tried again from the next round; reason: " + reason.strip());
        return w;
    }

    /** An administrator decides a mail should not go after all (the news is stale, the person has left). */
    public WaitingMail dismiss(Actor actor, long id, String reason) {
        WaitingMail w = forAdministrator(actor, id, reason, "dismissed");
        audit.record(actor, "mail.dismissed", "application", w.getReference(), "to " + w.getUsername()
                + ", subject: " + w.getSubject() + "; not sent after " + tries(w) + " (" + w.getLastError()
                + "); reason: " + reason.strip());
        em.remove(w);
        return w;
    }

    private WaitingMail forAdministrator(Actor actor, long id, String reason, String what) {
        requireAdministrator(actor);
        if (reason == null || reason.isBlank()) {
            throw new ValidationException("The mail cannot be " + what + " yet", Map.of("reason",
                    "Say why the mail is " + what + "; the reason is kept in the audit trail."));
        }
        WaitingMail w = em.find(WaitingMail.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (w == null) {
            throw new NotFoundException("No mail " + id + " is waiting: it has gone, or was dismissed.");
        }
        return w;
    }

    private static String tries(WaitingMail w) {
        return w.getAttempts() + (w.getAttempts() == 1 ? " try" : " tries");
    }

    private static void requireAdministrator(Actor actor) {
        if (!actor.has(Role.ADMIN)) {
            throw new AccessDeniedException("Only administrators see and act on the mail waiting to be delivered.");
        }
    }

    /** Everything waiting or given up, for administrators: who it was for and what about, never the body. */
    public List<WaitingMail> waiting(Actor actor) {
        requireAdministrator(actor);
        return em.createQuery("select w from WaitingMail w order by w.firstFailedAt, w.id", WaitingMail.class)
                .setMaxResults(500).getResultList();
    }
}

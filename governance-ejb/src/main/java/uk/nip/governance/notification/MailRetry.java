package uk.nip.governance.notification;

import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every ten seconds, tries again the waiting mail that is due (each mail's own wait grows: see
 * {@link WaitingMail#WAITS}). Started by the platform's start-up after the schema is migrated.
 * One round at a time: the singleton's lock makes a round that runs long delay the next, not
 * overlap it.
 */
@Singleton
// each step of a round has its own transaction (MailQueue); the sending itself has none
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MailRetry {

    static final long ROUND_MILLIS = 10_000;
    private static final Logger LOG = Logger.getLogger(MailRetry.class.getName());

    @Resource
    TimerService timers;

    @Inject
    NotificationMail mail;

    public void start() {
        for (Timer t : timers.getTimers()) {
            t.cancel();
        }
        // not persistent: the waiting mail is in the database, and the first round after a restart finds it
        timers.createIntervalTimer(ROUND_MILLIS, ROUND_MILLIS, new TimerConfig("mail-retry", false));
    }

    @Timeout
    void onTimer(Timer timer) {
        try {
            mail.retryDue();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not try the waiting mail again; the next round does", e);
        }
    }
}

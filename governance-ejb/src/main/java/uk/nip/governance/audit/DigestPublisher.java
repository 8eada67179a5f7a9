package uk.nip.governance.audit;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
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
import uk.nip.governance.domain.Actor;

/**
 * Publishes the audit head once at start-up and then every {@code NIP_DIGEST_INTERVAL_MINUTES}
 * (system property or environment variable; 60 by default). Started by the platform's start-up
 * after the schema is migrated, so the first publication never meets a missing table.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// Each publication runs in its own transaction (PublishedDigests); a failure is logged, never fatal.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DigestPublisher {

    public static final String INTERVAL_SETTING = "NIP_DIGEST_INTERVAL_MINUTES";
    static final long DEFAULT_MINUTES = 60;
    private static final Logger LOG = Logger.getLogger(DigestPublisher.class.getName());

    @Resource
    TimerService timers;

    @Inject
    PublishedDigests digests;

    public void start() {
        long minutes = intervalMinutes(System.getProperty(INTERVAL_SETTING), System.getenv(INTERVAL_SETTING));
        for (Timer t : timers.getTimers()) {
            t.cancel();
        }
        publish();
        long ms = minutes * 60_000;
        // Not persistent: a missed publication while the server is down is simply the next one.
        timers.createIntervalTimer(ms, ms, new TimerConfig("audit-digest", false));
        LOG.info("Publishing the audit head every " + minutes + " minutes");
    }

    @Timeout
    void onTimer(Timer timer) {
        publish();
    }

    private void publish() {
        try {
            digests.publishIfMoved(Actor.system("audit-digest")).ifPresent(d ->
                    LOG.info("Published the audit head: sequence " + d.getLastSeq() + ", hash " + d.getHeadHash()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not publish the audit head; the next interval tries again", e);
        }
    }

    /** The system property wins over the environment; anything but a positive whole number means the default. */
    static long intervalMinutes(String property, String environment) {
        for (String value : new String[] {property, environment}) {
            if (value != null && !value.isBlank()) {
                try {
                    long minutes = Long.parseLong(value.strip());
                    if (minutes > 0) {
                        return minutes;
                    }
                } catch (NumberFormatException e) {
                    // falls through to the warning below
                }
                LOG.warning(INTERVAL_SETTING + "='" + value + "' is not a positive number of minutes; using "
                        + DEFAULT_MINUTES);
                return DEFAULT_MINUTES;
            }
        }
        return DEFAULT_MINUTES;
    }
}

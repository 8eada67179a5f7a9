package uk.nip.workflow;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import uk.nip.governance.application.Application;

/**
 * The dates the access period's timers wait for. A date in the application is the last day it
 * holds, so the timer fires at the start of the next day (UTC).
 */
final class AccessPeriod {

    /** How long before the end date the team is reminded. */
    static final Period REMINDER_BEFORE_END = Period.ofDays(30);

    private AccessPeriod() {
    }

    static Map<String, Object> timers(Application app) {
        if (app.getEndDate() == null || app.getEthicsExpiry() == null) {
            // Both are required at submission; an application without them never reaches provisioning.
            throw new IllegalStateException("Application " + app.getReference()
                    + " has no end date or ethics expiry date, so its access period cannot be scheduled");
        }
        Map<String, Object> v = new HashMap<>();
        v.put("agreementExpiresAt", dayAfter(app.getEndDate()));
        v.put("expiryReminderAt", Date.from(dayAfter(app.getEndDate()).toInstant().minus(
                java.time.Duration.ofDays(REMINDER_BEFORE_END.getDays()))));
        v.put("ethicsExpiresAt", dayAfter(app.getEthicsExpiry()));
        return v;
    }

    static Date dayAfter(LocalDate lastDay) {
        return Date.from(lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    static Instant instant(Object variable) {
        if (variable instanceof Date d) {
            return d.toInstant();
        }
        if (variable instanceof String s) {
            return Instant.parse(s);
        }
        throw new IllegalStateException("Expected a time but the process holds " + variable);
    }
}

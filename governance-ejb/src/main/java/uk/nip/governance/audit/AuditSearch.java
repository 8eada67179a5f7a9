package uk.nip.governance.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import uk.nip.governance.domain.GovernanceException;

/**
 * What an auditor is looking for. Every filter is optional; those given must all match.
 *
 * @param actor        exact username of whoever acted
 * @param actionPrefix start of the action, e.g. {@code application.} or {@code application.approve}
 * @param objectType   exact object type, e.g. {@code application}
 * @param objectId     exact object id, e.g. an application reference
 * @param from         first instant included
 * @param to           first instant no longer included
 * @param max          how many records at most; {@code null} means the caller's default
 */
public record AuditSearch(String actor, String actionPrefix, String objectType, String objectId, Instant from,
        Instant to, Integer max) {

    public static final AuditSearch EVERYTHING = new AuditSearch(null, null, null, null, null, null, null);

    public AuditSearch {
        actor = clean("actor", actor, 100);
        actionPrefix = clean("action", actionPrefix, 100);
        objectType = clean("objectType", objectType, 60);
        objectId = clean("objectId", objectId, 100);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidSearchException("'from' (" + from + ") must be before 'to' (" + to + ").");
        }
        if (max != null && max < 1) {
            throw new InvalidSearchException("'max' must be at least 1, not " + max + ".");
        }
    }

    /** The same filters with another limit. */
    public AuditSearch withMax(Integer newMax) {
        return new AuditSearch(actor, actionPrefix, objectType, objectId, from, to, newMax);
    }

    /** The filters as a person reads them, for the audit record of the search itself. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        add(parts, "actor", actor);
        add(parts, "action", actionPrefix == null ? null : actionPrefix + "*");
        add(parts, "objectType", objectType);
        add(parts, "objectId", objectId);
        add(parts, "from", from);
        add(parts, "to", to);
        add(parts, "max", max);
        return parts.isEmpty() ? "all records" : String.join(", ", parts);
    }

    private static void add(List<String> parts, String name, Object value) {
        if (value != null) {
            parts.add(name + "=" + value);
        }
    }

    private static String clean(String name, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > maxLength) {
            throw new InvalidSearchException("'" + name + "' is longer than the " + maxLength
                    + " characters any stored value has.");
        }
        return v;
    }

    /** A filter that cannot match anything sensible; the message says which and why. */
    public static class InvalidSearchException extends GovernanceException {
        public InvalidSearchException(String message) {
            super(message);
        }
    }
}

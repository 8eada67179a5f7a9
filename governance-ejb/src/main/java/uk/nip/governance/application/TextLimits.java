package uk.nip.governance.application;

import java.util.Map;

/**
 * Free text longer than its column keeps is refused by field, with the limit, before anything is
 * written: otherwise the database refuses it at commit and the person sees only "something went
 * wrong". Limits leave room for what the service puts in front of the text in the event history.
 */
public final class TextLimits {

    /** An event's reason column. */
    public static final int EVENT_REASON = 4000;
    /** Text recorded after a summary in the event history (an amendment's, a revocation's ground). */
    public static final int AFTER_A_SUMMARY = 3800;

    private TextLimits() {
    }

    public static void require(String field, String value, int max) {
        if (value != null && value.strip().length() > max) {
            throw new ValidationException("This cannot be saved", Map.of(field,
                    "Keep this to " + max + " characters; it has " + value.strip().length() + "."));
        }
    }
}

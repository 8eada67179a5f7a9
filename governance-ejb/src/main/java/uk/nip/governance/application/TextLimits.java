package uk.nip.governance.application;

import java.util.HashMap;
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
        Map<String, String> problems = new HashMap<>();
        check(problems, field, value, max);
        if (!problems.isEmpty()) {
            throw new ValidationException("This cannot be saved", problems);
        }
    }

    /**
     * Text the system puts together (a summary with every collection or member named) cut to
     * what a column keeps, marked as cut; what people type is refused by field instead.
     */
    public static String fitted(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** Adds the field's problem when {@code value} is longer than {@code max} characters. */
    public static void check(Map<String, String> problems, String field, String value, int max) {
        if (value != null && value.length() > max) {
            problems.put(field, "Keep this to " + max + " characters; it has " + value.length() + ".");
        }
    }
}

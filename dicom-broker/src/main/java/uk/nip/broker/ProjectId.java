package uk.nip.broker;

import java.util.regex.Pattern;

/**
 * A project's identifier as the governance portal issues it. It names folders in the
 * archive, the output area and the restricted store, so it is checked against a strict
 * pattern: no separators, no "..", nothing that could walk out of those folders.
 */
public record ProjectId(String value) {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public ProjectId {
        requireSafe("project id", value);
    }

    public static ProjectId of(String value) {
        return new ProjectId(value);
    }

    /** Shared by every identifier that becomes a folder name. */
    public static String requireSafe(String what, String value) {
        if (value == null || !SAFE.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException(what + " must be 1-64 characters of letters, digits, '.', '_' or '-'"
                    + " and must not contain '..'");
        }
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}

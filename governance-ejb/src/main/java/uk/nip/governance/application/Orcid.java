package uk.nip.governance.application;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An ORCID iD: four groups of four characters, the last a check character computed with
 * ISO 7064 MOD 11-2 over the first fifteen digits (as ORCID documents it).
 */
public final class Orcid {

    private static final Pattern FORMAT = Pattern.compile("\\d{4}-\\d{4}-\\d{4}-\\d{3}[\\dX]");

    private Orcid() {
    }

    /** Accepts the bare iD or the https://orcid.org/ form researchers copy from their profile. */
    public static String normalise(String orcid) {
        if (orcid == null) {
            return null;
        }
        String s = orcid.strip();
        for (String prefix : new String[] {"https://orcid.org/", "http://orcid.org/", "orcid.org/"}) {
            if (s.regionMatches(true, 0, prefix, 0, prefix.length())) {
                s = s.substring(prefix.length());
            }
        }
        return s.toUpperCase(Locale.ROOT);
    }

    public static boolean hasValidFormat(String orcid) {
        return orcid != null && FORMAT.matcher(normalise(orcid)).matches();
    }

    /** True when the format is right and the check character matches the first fifteen digits. */
    public static boolean isValid(String orcid) {
        if (!hasValidFormat(orcid)) {
            return false;
        }
        String digits = normalise(orcid).replace("-", "");
        return checkCharacter(digits.substring(0, 15)) == digits.charAt(15);
    }

    /** ISO 7064 MOD 11-2 check character of a string of digits. */
    static char checkCharacter(String baseDigits) {
        int total = 0;
        for (int i = 0; i < baseDigits.length(); i++) {
            total = (total + (baseDigits.charAt(i) - '0')) * 2;
        }
        int result = (12 - total % 11) % 11;
        return result == 10 ? 'X' : (char) ('0' + result);
    }
}

package uk.nip.workflow;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * How long both parties have to sign an issued agreement: the system property
 * {@value #PROPERTY} (an ISO-8601 duration such as P30D), default {@value #DEFAULT}. It is copied
 * into each process when it starts, so changing it affects new applications only.
 */
public final class SigningLapse {

    public static final String VARIABLE = "signingLapse";
    public static final String PROPERTY = "nip.workflow.signing-lapse";
    public static final String DEFAULT = "P30D";

    private SigningLapse() {
    }

    public static String configured() {
        return check(System.getProperty(PROPERTY, DEFAULT));
    }

    /** Refuses anything that is not a positive ISO-8601 duration, naming the property. */
    static String check(String value) {
        try {
            if (Duration.parse(value.strip()).isNegative() || Duration.parse(value.strip()).isZero()) {
                throw new IllegalStateException(PROPERTY + " must be a positive duration, not '" + value + "'");
            }
            return value.strip();
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(PROPERTY + " must be an ISO-8601 duration such as P30D, not '"
                    + value + "'", e);
        }
    }
}

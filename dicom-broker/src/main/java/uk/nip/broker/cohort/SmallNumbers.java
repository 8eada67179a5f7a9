package uk.nip.broker.cohort;

/**
 * Statistical disclosure control for counts that leave the broker: any count of 7 or fewer
 * (zero included) is shown as "≤7", so a small group of patients cannot be singled out.
 */
public final class SmallNumbers {

    public static final int THRESHOLD = 7;
    public static final String SUPPRESSED = "≤" + THRESHOLD;

    private SmallNumbers() {
    }

    public static String suppress(long count) {
        return count <= THRESHOLD ? SUPPRESSED : String.valueOf(count);
    }
}

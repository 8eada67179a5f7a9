package uk.nip.broker.deid;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Moves DA and DT values by a whole number of days. A whole-day shift keeps every interval
 * within a patient's record and leaves times of day untouched; values that cannot be read
 * as dates are reported as empty so the caller blanks them instead of releasing them.
 */
public final class DateShift {

    private final int days;

    public DateShift(int days) {
        this.days = days;
    }

    public int days() {
        return days;
    }

    /**
     * A DA value: YYYYMMDD, the retired YYYY.MM.DD form, or a range of either. Parsed by hand:
     * a formatter costs the cold command line more to compile than the dates it shifts.
     */
    public Optional<String> shiftDate(String value) {
        String v = value.trim();
        if (v.isEmpty()) {
            return Optional.of("");
        }
        int dash = v.indexOf('-');
        if (dash >= 0) {
            Optional<String> from = dash == 0 ? Optional.of("") : shiftDate(v.substring(0, dash));
            Optional<String> to = dash == v.length() - 1 ? Optional.of("") : shiftDate(v.substring(dash + 1));
            return from.isPresent() && to.isPresent() ? Optional.of(from.get() + "-" + to.get()) : Optional.empty();
        }
        String digits = v.length() == 10 && v.charAt(4) == '.' && v.charAt(7) == '.'
                ? v.substring(0, 4) + v.substring(5, 7) + v.substring(8, 10) : v;
        if (digits.length() != 8) {
            return Optional.empty();
        }
        for (int i = 0; i < 8; i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return Optional.empty();
            }
        }
        try {
            LocalDate moved = LocalDate.of(Integer.parseInt(digits, 0, 4, 10), Integer.parseInt(digits, 4, 6, 10),
                    Integer.parseInt(digits, 6, 8, 10)).plusDays(days);
            if (moved.getYear() < 0 || moved.getYear() > 9999) {
                return Optional.empty();
            }
            return Optional.of(pad(moved.getYear(), 4) + pad(moved.getMonthValue(), 2) + pad(moved.getDayOfMonth(), 2));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static String pad(int value, int width) {
        String s = Integer.toString(value);
        return "0".repeat(width - s.length()) + s;
    }

    /**
     * A DT value: YYYY[MM[DD[HH[MM[SS[.F]]]]]][&amp;ZZXX]. Only the date part moves; a value
     * given to the month or year only is shifted from its first day and cut back to the
     * same precision.
     */
    public Optional<String> shiftDateTime(String value) {
        String v = value.trim();
        if (v.isEmpty()) {
            return Optional.of("");
        }
        int digits = 0;
        while (digits < v.length() && digits < 8 && Character.isDigit(v.charAt(digits))) {
            digits++;
        }
        final int datePartLength = digits;
        if (datePartLength != 4 && datePartLength != 6 && datePartLength != 8) {
            return Optional.empty();
        }
        String datePart = v.substring(0, datePartLength);
        String padded = datePartLength == 4 ? datePart + "0101" : datePartLength == 6 ? datePart + "01" : datePart;
        Optional<String> shifted = shiftDate(padded);
        return shifted.map(s -> s.substring(0, datePartLength) + v.substring(datePartLength));
    }
}

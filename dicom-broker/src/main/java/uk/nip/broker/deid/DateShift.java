package uk.nip.broker.deid;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Moves DA and DT values by a whole number of days. A whole-day shift keeps every interval
 * within a patient's record and leaves times of day untouched; values that cannot be read
 * as dates are reported as empty so the caller blanks them instead of releasing them.
 */
public final class DateShift {

    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

    private final int days;

    public DateShift(int days) {
        this.days = days;
    }

    public int days() {
        return days;
    }

    /** A DA value: YYYYMMDD, the retired YYYY.MM.DD form, or a range of either. */
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
        try {
            return Optional.of(LocalDate.parse(digits, DA).plusDays(days).format(DA));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
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

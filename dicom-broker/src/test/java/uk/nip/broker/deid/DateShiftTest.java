package uk.nip.broker.deid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class DateShiftTest {

    private final DateShift back400 = new DateShift(-400);

    @Test
    void shiftsDatesAcrossMonthsAndLeapYears() {
        assertEquals(Optional.of("20230225"), back400.shiftDate("20240331"));
        assertEquals(Optional.of("19990101"), new DateShift(-365).shiftDate("20000101"));
    }

    @Test
    void readsTheRetiredDottedFormAndRanges() {
        assertEquals(Optional.of("20230225"), back400.shiftDate("2024.03.31"));
        assertEquals(Optional.of("20230225-20230227"), back400.shiftDate("20240331-20240402"));
        assertEquals(Optional.of("-20230225"), back400.shiftDate("-20240331"));
    }

    @Test
    void movesOnlyTheDatePartOfADateTime() {
        assertEquals(Optional.of("20230225101500.123456+0100"), back400.shiftDateTime("20240331101500.123456+0100"));
        assertEquals(Optional.of("202301"), back400.shiftDateTime("202403"));
        assertEquals(Optional.of("2021"), back400.shiftDateTime("2023"));
    }

    @Test
    void refusesValuesThatAreNotDates() {
        assertEquals(Optional.empty(), back400.shiftDate("20241301"));
        assertEquals(Optional.empty(), back400.shiftDate("UNKNOWN"));
        assertEquals(Optional.empty(), back400.shiftDateTime("20X4"));
        assertEquals(Optional.of(""), back400.shiftDate(" "));
    }
}

package uk.nip.governance.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegisterStatisticsTest {

    private static RegisterEntry approved(String category, String sector, boolean commercial, String status,
            String on, Long days) {
        return RegisterQueryTest.entry("NIP-" + on, "t", category, sector, commercial, status, LocalDate.parse(on), days);
    }

    @Test
    void countsEveryCategoryAndPublishesTurnaround() {
        List<RegisterEntry> entries = List.of(
                approved("Research", "Academic", false, "ACTIVE", "2025-05-01", 10L),
                approved("Research", "NHS", false, "ACTIVE", "2026-01-02", 30L),
                approved("Algorithm training", "Commercial", true, "SUSPENDED", "2026-02-03", 20L),
                approved("Commercial product development", "Commercial", true, "CLOSED", "2026-03-04", 50L),
                approved("Research", "Academic", false, "APPROVED", "2026-04-05", null));
        RegisterStatistics s = RegisterStatistics.of(entries);
        assertEquals(5, s.approvedUses());
        assertEquals(2, s.commercialPurpose());
        assertEquals(2, s.byStatus().get("Active"));
        assertEquals(0, s.byStatus().get("Revoked"), "every status is listed, with 0 where there is none");
        assertEquals(9, s.byStatus().size());
        assertEquals(Map.of("Research", 3, "Service evaluation", 0, "Algorithm training", 1, "Algorithm validation", 0,
                "Commercial product development", 1), s.byRequestCategory());
        assertEquals(2, s.byOrganisationSector().get("Commercial"));
        assertEquals(Map.of(2025, 1, 2026, 4), s.approvalsByYear());
        // 10, 20, 30, 50 days: the lower middle value, and the nearest rank for nine in ten
        assertEquals(4, s.turnaroundDecided());
        assertEquals(20L, s.turnaroundMedianDays());
        assertEquals(50L, s.turnaround90thPercentileDays());
    }

    @Test
    void anEmptyRegisterHasNoTurnaround() {
        RegisterStatistics s = RegisterStatistics.of(List.of());
        assertEquals(0, s.approvedUses());
        assertNull(s.turnaroundMedianDays());
        assertNull(s.turnaround90thPercentileDays());
        assertEquals(1, RegisterStatistics.largest(s.byStatus()), "a chart of zeros still has a scale");
    }

    @Test
    void nearestRankOnTenValues() {
        List<Long> days = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertEquals(9L, RegisterStatistics.nearestRank(days, 90));
        assertEquals(5L, RegisterStatistics.median(days));
    }
}

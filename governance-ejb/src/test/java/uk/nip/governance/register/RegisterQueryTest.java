package uk.nip.governance.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import uk.nip.governance.register.RegisterQuery.InvalidRegisterQueryException;

class RegisterQueryTest {

    static RegisterEntry entry(String id, String title, String category, String sector, Boolean commercial,
            String statusCode, LocalDate approved, Long turnaround) {
        return new RegisterEntry(id, title, "Lay words about lungs.", "Earlier diagnosis.", "A 3D network.",
                "University of Exampleton", sector, "Wellcome Trust", category, commercial, "Demo chest CT collection",
                TransparencyRegister.ACCESS_TYPE, "UK GDPR Article 6(1)(e) Public task", true,
                TransparencyRegister.PRIVACY_ENHANCING, null, null, statusCode.charAt(0) + statusCode.substring(1).toLowerCase(),
                statusCode, null, approved == null ? null : approved.minusDays(turnaround == null ? 0 : turnaround),
                approved, turnaround);
    }

    static final RegisterEntry NODULES = entry("NIP-2026-0001", "Early detection of lung nodules", "Algorithm training",
            "Academic", false, "ACTIVE", LocalDate.parse("2026-03-10"), 21L);
    static final RegisterEntry PRODUCT = entry("NIP-2026-0002", "Fracture triage product", "Commercial product development",
            "Commercial", true, "CLOSED", LocalDate.parse("2025-12-01"), 40L);

    @Test
    void nothingGivenMatchesEverything() {
        RegisterQuery q = RegisterQuery.parse(null, "", " ", null, null, "", null);
        assertEquals(RegisterQuery.EVERYTHING, q);
        assertTrue(q.matches(NODULES) && q.matches(PRODUCT));
    }

    @Test
    void everyWordOfTheSearchMustBeSomewhereInTheEntry() {
        assertTrue(RegisterQuery.parse("LUNG exampleton", null, null, null, null, null, null).matches(NODULES));
        assertTrue(RegisterQuery.parse("nip-2026-0002", null, null, null, null, null, null).matches(PRODUCT));
        assertFalse(RegisterQuery.parse("lung fracture", null, null, null, null, null, null).matches(NODULES));
    }

    @Test
    void filtersTakeTheNamesInAnyCaseWithHyphens() {
        RegisterQuery q = RegisterQuery.parse(null, "active", "algorithm-training", "ACADEMIC", "no", null, null);
        assertTrue(q.matches(NODULES));
        assertFalse(q.matches(PRODUCT));
        assertTrue(RegisterQuery.parse(null, null, null, null, "true", null, null).matches(PRODUCT));
        assertFalse(RegisterQuery.parse(null, null, null, null, "true", null, null).matches(NODULES));
    }

    @Test
    void approvalDatesIncludeBothEnds() {
        RegisterQuery march = RegisterQuery.parse(null, null, null, null, null, "2026-03-10", "2026-03-10");
        assertTrue(march.matches(NODULES));
        assertFalse(march.matches(PRODUCT));
        assertTrue(RegisterQuery.parse(null, null, null, null, null, null, "2025-12-31").matches(PRODUCT));
    }

    @Test
    void aBadParameterIsRefusedWithWhatItMayBe() {
        assertEquals("'status' must be one of approved, agreement-pending, agreement-signed, provisioning, active, "
                + "suspended, expired, revoked, closed; not 'draft'.", refused(() -> RegisterQuery.parse(null, "draft",
                        null, null, null, null, null)));
        assertTrue(refused(() -> RegisterQuery.parse(null, null, "fun", null, null, null, null))
                .startsWith("'category' must be one of research, service-evaluation,"));
        assertEquals("'commercial' must be true or false, not 'maybe'.",
                refused(() -> RegisterQuery.parse(null, null, null, null, "maybe", null, null)));
        assertEquals("'approvedFrom' must be a date as 2026-11-29, not '2026-13-01'.",
                refused(() -> RegisterQuery.parse(null, null, null, null, null, "2026-13-01", null)));
        assertEquals("'approvedFrom' (2026-02-01) is after 'approvedTo' (2026-01-01).",
                refused(() -> RegisterQuery.parse(null, null, null, null, null, "2026-02-01", "2026-01-01")));
        assertTrue(refused(() -> RegisterQuery.parse("x".repeat(201), null, null, null, null, null, null))
                .contains("at most 200"));
    }

    private static String refused(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(InvalidRegisterQueryException.class, call).getMessage();
    }
}

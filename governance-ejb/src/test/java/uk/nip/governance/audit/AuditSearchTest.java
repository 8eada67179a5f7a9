package uk.nip.governance.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import uk.nip.governance.audit.AuditSearch.InvalidSearchException;

class AuditSearchTest {

    @Test
    void blankFiltersMeanNoFilterAndValuesAreTrimmed() {
        AuditSearch s = new AuditSearch(" researcher ", "", "  ", null, null, null, null);
        assertEquals("researcher", s.actor());
        assertNull(s.actionPrefix());
        assertNull(s.objectType());
        assertEquals("actor=researcher", s.describe());
        assertEquals("all records", AuditSearch.EVERYTHING.describe());
    }

    @Test
    void theDescriptionNamesEveryFilterForTheAuditRecord() {
        AuditSearch s = new AuditSearch("chair", "application.", "application", "NIP-2026-000001",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"), 50);
        assertEquals("actor=chair, action=application.*, objectType=application, objectId=NIP-2026-000001,"
                + " from=2026-01-01T00:00:00Z, to=2026-02-01T00:00:00Z, max=50", s.describe());
        assertEquals(7, s.withMax(7).max());
    }

    @Test
    void impossibleFiltersAreRefusedWithAReason() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertTrue(assertThrows(InvalidSearchException.class,
                () -> new AuditSearch(null, null, null, null, t, t, null)).getMessage().contains("before"));
        assertThrows(InvalidSearchException.class, () -> new AuditSearch(null, null, null, null, null, null, 0));
        assertTrue(assertThrows(InvalidSearchException.class,
                () -> new AuditSearch("x".repeat(101), null, null, null, null, null, null)).getMessage()
                .contains("'actor'"));
        assertThrows(InvalidSearchException.class,
                () -> new AuditSearch(null, null, "t".repeat(61), null, null, null, null));
    }
}

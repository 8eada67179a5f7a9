package uk.nip.governance.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainVerificationTest {

    private static List<AuditRecord> chain(int n) {
        List<AuditRecord> records = new ArrayList<>();
        String prev = AuditRecord.GENESIS_HASH;
        for (int i = 1; i <= n; i++) {
            AuditRecord r = new AuditRecord(i, Instant.parse("2026-11-27T10:00:00Z").plusSeconds(i), "researcher",
                    "researcher", "application.submit", "application", "NIP-2026-000" + i, "127.0.0.1", "d" + i, prev);
            records.add(r);
            prev = r.getHash();
        }
        return records;
    }

    @Test
    void anUntouchedChainIsIntactAndReportsItsHead() {
        List<AuditRecord> records = chain(5);
        ChainVerification v = ChainVerification.of(records.iterator());
        assertTrue(v.intact());
        assertEquals(5, v.recordsChecked());
        assertEquals(records.get(4).getHash(), v.headHash());
    }

    @Test
    void aChangedRecordIsTheFirstBrokenLink() throws Exception {
        List<AuditRecord> records = chain(5);
        Field detail = AuditRecord.class.getDeclaredField("detail");
        detail.setAccessible(true);
        detail.set(records.get(2), "rewritten");
        ChainVerification v = ChainVerification.of(records.iterator());
        assertFalse(v.intact());
        assertEquals(3L, v.firstBrokenSeq());
        assertTrue(v.problem().contains("changed"), v.problem());
    }

    @Test
    void aDeletedRecordIsDetectedWhereTheGapStarts() {
        List<AuditRecord> records = chain(5);
        records.remove(1);
        ChainVerification v = ChainVerification.of(records.iterator());
        assertFalse(v.intact());
        assertEquals(2L, v.firstBrokenSeq());
        assertTrue(v.problem().contains("missing"), v.problem());
    }

    @Test
    void reorderedRecordsAreDetected() {
        List<AuditRecord> records = chain(5);
        Collections.swap(records, 1, 3);
        ChainVerification v = ChainVerification.of(records.iterator());
        assertFalse(v.intact());
        assertEquals(2L, v.firstBrokenSeq());
    }

    @Test
    void aRecordRehashedAfterEditingStillBreaksTheNextLink() throws Exception {
        List<AuditRecord> records = chain(4);
        AuditRecord victim = records.get(1);
        Field detail = AuditRecord.class.getDeclaredField("detail");
        detail.setAccessible(true);
        detail.set(victim, "forged");
        Field hash = AuditRecord.class.getDeclaredField("hash");
        hash.setAccessible(true);
        hash.set(victim, victim.computeHash());
        ChainVerification v = ChainVerification.of(records.iterator());
        assertFalse(v.intact());
        assertEquals(3L, v.firstBrokenSeq());
    }
}

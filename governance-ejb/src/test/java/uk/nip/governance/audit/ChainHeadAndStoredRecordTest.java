package uk.nip.governance.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verification against the head the database recorded, over records read back as stored. */
class ChainHeadAndStoredRecordTest {

    static List<AuditRecord> chain(int n) {
        List<AuditRecord> records = new ArrayList<>();
        String prev = AuditRecord.GENESIS_HASH;
        for (int i = 1; i <= n; i++) {
            AuditRecord r = new AuditRecord(i, Instant.parse("2026-11-27T10:00:00.120Z").plusSeconds(i), "auditor",
                    "auditor", "audit.search", "audit-trail", "records", "10.0.0.1", i % 2 == 0 ? null : "d" + i, prev);
            records.add(r);
            prev = r.getHash();
        }
        return records;
    }

    /** What the database hands back: the same values, the stored hash, no recomputation. */
    static AuditRecord reread(AuditRecord r) {
        return AuditRecord.stored(r.getSeq(), r.getAt(), r.getActor(), r.getRole(), r.getAction(), r.getObjectType(),
                r.getObjectId(), r.getOrigin(), r.getDetail(), r.getPrevHash(), r.getHash());
    }

    static AuditRecord withDetail(AuditRecord r, String detail) {
        return AuditRecord.stored(r.getSeq(), r.getAt(), r.getActor(), r.getRole(), r.getAction(), r.getObjectType(),
                r.getObjectId(), r.getOrigin(), detail, r.getPrevHash(), r.getHash());
    }

    static AuditRecord withSeq(AuditRecord r, long seq) {
        return AuditRecord.stored(seq, r.getAt(), r.getActor(), r.getRole(), r.getAction(), r.getObjectType(),
                r.getObjectId(), r.getOrigin(), r.getDetail(), r.getPrevHash(), r.getHash());
    }

    @Test
    void aStoredRecordKeepsItsStoredHashAndAReadBackChainIsIntactAtTheHead() {
        List<AuditRecord> stored = chain(6).stream().map(ChainHeadAndStoredRecordTest::reread).toList();
        AuditRecord last = stored.get(5);
        ChainVerification v = ChainVerification.of(stored.iterator(), 6, last.getHash());
        assertTrue(v.intact(), v.problem());
        assertEquals(6, v.recordsChecked());
        assertEquals(last.getHash(), v.headHash());
        assertEquals(last.getHash(), withDetail(last, "forged").getHash(), "stored() must not recompute the hash");
    }

    @Test
    void anEmptyTrailIsIntactAtTheGenesisHead() {
        ChainVerification v = ChainVerification.of(Collections.emptyIterator(), 0, AuditRecord.GENESIS_HASH);
        assertTrue(v.intact());
        assertEquals(0, v.recordsChecked());
        assertEquals(AuditRecord.GENESIS_HASH, v.headHash());
    }

    @Test
    void removingTheNewestRecordsIsDetectedAgainstTheHead() {
        List<AuditRecord> records = chain(6);
        String head = records.get(5).getHash();
        List<AuditRecord> truncated = records.subList(0, 4);
        assertTrue(ChainVerification.of(truncated.iterator()).intact(), "without the head, a cut tail looks intact");
        ChainVerification v = ChainVerification.of(truncated.iterator(), 6, head);
        assertFalse(v.intact());
        assertEquals(5L, v.firstBrokenSeq());
        assertEquals("Record 5: records 5 to 6 are missing (the head says the chain ends at 6)", v.problem());
        assertNull(v.headHash());
    }

    @Test
    void aSingleMissingRecordIsNamed() {
        List<AuditRecord> records = new ArrayList<>(chain(5));
        records.remove(2);
        ChainVerification v = ChainVerification.of(records.iterator(), 5, records.get(3).getHash());
        assertEquals(3L, v.firstBrokenSeq());
        assertEquals("Record 3: record 3 is missing", v.problem());
    }

    @Test
    void aChainRewrittenToTheEndIsCaughtByTheHeadHash() {
        List<AuditRecord> original = chain(4);
        // Rewrite record 4 and recompute its hash: self-consistent, but not what the head recorded.
        AuditRecord r4 = original.get(3);
        AuditRecord forged = new AuditRecord(4, r4.getAt(), r4.getActor(), r4.getRole(), r4.getAction(),
                r4.getObjectType(), r4.getObjectId(), r4.getOrigin(), "nothing to see", r4.getPrevHash());
        List<AuditRecord> rewritten = new ArrayList<>(original.subList(0, 3));
        rewritten.add(forged);
        assertTrue(ChainVerification.of(rewritten.iterator()).intact());
        ChainVerification v = ChainVerification.of(rewritten.iterator(), 4, r4.getHash());
        assertFalse(v.intact());
        assertEquals(4L, v.firstBrokenSeq());
        assertTrue(v.problem().contains("head hash"), v.problem());
    }

    @Test
    void aRecordSlippedInBeyondTheHeadIsDetected() {
        List<AuditRecord> records = new ArrayList<>(chain(4));
        String head = records.get(2).getHash();
        ChainVerification v = ChainVerification.of(records.iterator(), 3, head);
        assertFalse(v.intact());
        assertEquals(4L, v.firstBrokenSeq());
        assertTrue(v.problem().contains("beyond the head"), v.problem());
    }

    @Test
    void aChangedStoredDetailIsTheFirstBrokenLinkWithItsProblem() {
        List<AuditRecord> records = new ArrayList<>(chain(5).stream().map(ChainHeadAndStoredRecordTest::reread).toList());
        String head = records.get(4).getHash();
        records.set(1, withDetail(records.get(1), "rewritten"));
        ChainVerification v = ChainVerification.of(records.iterator(), 5, head);
        assertEquals(2L, v.firstBrokenSeq());
        assertEquals("Record 2: its content no longer matches its hash (the record was changed)", v.problem());
        assertEquals(2, v.recordsChecked());
    }

    @Test
    void twoRecordsWithSwappedSequenceNumbersBreakAtTheLowerOne() {
        List<AuditRecord> records = chain(5);
        String head = records.get(4).getHash();
        // What "update audit_record set seq = ..." does: record 3 is now numbered 2 and vice versa.
        List<AuditRecord> swapped = new ArrayList<>(List.of(records.get(0), withSeq(records.get(2), 2),
                withSeq(records.get(1), 3), records.get(3), records.get(4)));
        ChainVerification v = ChainVerification.of(swapped.iterator(), 5, head);
        assertFalse(v.intact());
        assertEquals(2L, v.firstBrokenSeq());
        assertTrue(v.problem().contains("previous-record hash does not match record 1"), v.problem());
    }

    @Test
    void theCanonicalFormIsLengthPrefixedSoFieldBoundariesCannotShift() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        AuditRecord a = new AuditRecord(1, at, "ab", "r", "x", "t", "i", "o", "c", AuditRecord.GENESIS_HASH);
        AuditRecord b = new AuditRecord(1, at, "a", "r", "x", "t", "i", "o", "bc", AuditRecord.GENESIS_HASH);
        assertFalse(a.getHash().equals(b.getHash()));
        assertEquals("1:1|20:2026-01-01T00:00:00Z|2:ab|1:r|1:x|1:t|1:i|1:o|1:c|64:" + AuditRecord.GENESIS_HASH + "|",
                a.canonicalContent());
    }
}

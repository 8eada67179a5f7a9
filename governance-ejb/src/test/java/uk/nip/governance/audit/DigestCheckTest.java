package uk.nip.governance.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Published heads compared with the chain as stored now, and the publishing interval setting. */
class DigestCheckTest {

    static final Instant T1 = Instant.parse("2026-11-27T08:00:00Z");
    static final Instant T2 = Instant.parse("2026-11-27T09:00:00Z");
    static final String A = "a".repeat(64);
    static final String B = "b".repeat(64);
    static final String C = "c".repeat(64);

    @Test
    void nothingPublishedIsNothingToCompare() {
        DigestCheck.Result r = DigestCheck.compare(List.of());
        assertTrue(r.matches());
        assertEquals(0, r.checked());
    }

    @Test
    void publishedHeadsThatStillMatchTheChainAllPass() {
        // Stored fixed-width hashes may come back padded.
        DigestCheck.Result r = DigestCheck.compare(List.of(new DigestCheck.Published(5, A, T1, A + " "),
                new DigestCheck.Published(9, B, T2, B)));
        assertTrue(r.matches());
        assertEquals(2, r.checked());
        assertNull(r.problem());
    }

    @Test
    void theFirstRewrittenPublishedHeadIsReported() {
        DigestCheck.Result r = DigestCheck.compare(List.of(new DigestCheck.Published(5, A, T1, A),
                new DigestCheck.Published(9, B, T2, C), new DigestCheck.Published(12, C, T2, A)));
        assertFalse(r.matches());
        assertEquals(9L, r.firstMismatchSeq());
        assertEquals(2, r.checked());
        assertEquals("The head published at 2026-11-27T09:00:00Z says record 9 has hash " + B + ", but it now has " + C
                + " (history up to that record was rewritten).", r.problem());
    }

    @Test
    void aPublishedHeadWhoseRecordIsGoneIsReported() {
        DigestCheck.Result r = DigestCheck.compare(List.of(new DigestCheck.Published(5, A, T1, null)));
        assertEquals(5L, r.firstMismatchSeq());
        assertEquals("The head published at 2026-11-27T08:00:00Z ends at record 5, which is no longer in the trail"
                + " (records were removed).", r.problem());
    }

    @Test
    void aVerificationIsIntactOnlyIfTheLinksAndThePublishedHeadsHold() {
        ChainVerification links = new ChainVerification(true, 12, null, null, C);
        ChainVerification ok = links.withDigests(DigestCheck.compare(List.of(new DigestCheck.Published(5, A, T1, A))));
        assertTrue(ok.intact());
        assertEquals(1, ok.digestsChecked());
        ChainVerification rewritten = links.withDigests(
                DigestCheck.compare(List.of(new DigestCheck.Published(5, A, T1, B))));
        assertFalse(rewritten.intact());
        assertNull(rewritten.firstBrokenSeq());
        assertEquals(5L, rewritten.firstMismatchedDigestSeq());
        assertEquals(rewritten.digestProblem(), rewritten.problem());
        ChainVerification broken = new ChainVerification(false, 3, 3L, "Record 3: changed", null)
                .withDigests(DigestCheck.compare(List.of(new DigestCheck.Published(5, A, T1, B))));
        assertEquals("Record 3: changed", broken.problem(), "a broken link is named first");
        assertEquals(5L, broken.firstMismatchedDigestSeq());
    }

    @Test
    void theIntervalComesFromThePropertyThenTheEnvironmentElseSixtyMinutes() {
        assertEquals(60, DigestPublisher.intervalMinutes(null, null));
        assertEquals(15, DigestPublisher.intervalMinutes(null, " 15 "));
        assertEquals(5, DigestPublisher.intervalMinutes("5", "15"));
        assertEquals(60, DigestPublisher.intervalMinutes("0", "15"));
        assertEquals(60, DigestPublisher.intervalMinutes("", "hourly"));
    }
}

package uk.nip.governance.audit;

import java.util.Iterator;

/**
 * The result of walking the audit chain: how many records were checked, and the first broken
 * link with what is wrong there; then how many published heads were compared with the chain and
 * the first that no longer matches it. {@code intact} only if both hold. {@code problem} names the
 * broken link if there is one, else the published head that does not match.
 */
public record ChainVerification(boolean intact, long recordsChecked, Long firstBrokenSeq, String problem,
        String headHash, int digestsChecked, Long firstMismatchedDigestSeq, String digestProblem) {

    ChainVerification(boolean intact, long recordsChecked, Long firstBrokenSeq, String problem, String headHash) {
        this(intact, recordsChecked, firstBrokenSeq, problem, headHash, 0, null, null);
    }

    /** This walk, with the comparison of the published heads added. */
    public ChainVerification withDigests(DigestCheck.Result digests) {
        boolean all = intact && digests.matches();
        return new ChainVerification(all, recordsChecked, firstBrokenSeq, problem != null ? problem : digests.problem(),
                headHash, digests.checked(), digests.firstMismatchSeq(), digests.problem());
    }

    /** Walks records in sequence order. Pure, so it is tested without a database. */
    public static ChainVerification of(Iterator<AuditRecord> records) {
        return walk(records, -1, null);
    }

    /**
     * Walks records in sequence order and then checks that the chain ends exactly at the head
     * (sequence and hash) the database recorded, so removing the newest records is detected too.
     */
    public static ChainVerification of(Iterator<AuditRecord> records, long headSeq, String headHash) {
        return walk(records, headSeq, headHash);
    }

    private static ChainVerification walk(Iterator<AuditRecord> records, long headSeq, String headHash) {
        String expectedPrev = AuditRecord.GENESIS_HASH;
        long expectedSeq = 1;
        long checked = 0;
        while (records.hasNext()) {
            AuditRecord r = records.next();
            checked++;
            if (headHash != null && r.getSeq() > headSeq) {
                return broken(checked, r.getSeq(), beyondHeadProblem(headSeq));
            }
            if (r.getSeq() != expectedSeq) {
                return broken(checked, expectedSeq, r.getSeq() < expectedSeq
                        ? "record " + r.getSeq() + " is out of order (expected " + expectedSeq + ")"
                        : missing(expectedSeq, r.getSeq() - 1));
            }
            if (!r.getPrevHash().equals(expectedPrev)) {
                return broken(checked, r.getSeq(), "its previous-record hash does not match record "
                        + (r.getSeq() - 1) + " (a record was changed, removed or reordered)");
            }
            if (!r.computeHash().equals(r.getHash())) {
                return broken(checked, r.getSeq(), "its content no longer matches its hash (the record was changed)");
            }
            expectedPrev = r.getHash();
            expectedSeq++;
        }
        if (headHash != null) {
            long last = expectedSeq - 1;
            if (last < headSeq) {
                return broken(checked, expectedSeq, missing(expectedSeq, headSeq)
                        + " (the head says the chain ends at " + headSeq + ")");
            }
            if (!expectedPrev.equals(headHash.strip())) {
                return broken(checked, last, "it does not match the head hash (the head was changed, or the chain"
                        + " was rewritten up to here)");
            }
        }
        return new ChainVerification(true, checked, null, null, expectedPrev);
    }

    /** Records were stored after the head: they did not go through the audit trail. */
    static ChainVerification beyondHead(long checked, long seq, long headSeq) {
        return broken(checked, seq, beyondHeadProblem(headSeq));
    }

    private static String beyondHeadProblem(long headSeq) {
        return "it lies beyond the head (sequence " + headSeq + "), so it was added without going through the"
                + " audit trail";
    }

    private static String missing(long from, long to) {
        return from == to ? "record " + from + " is missing" : "records " + from + " to " + to + " are missing";
    }

    private static ChainVerification broken(long checked, long seq, String problem) {
        return new ChainVerification(false, checked, seq, "Record " + seq + ": " + problem, null);
    }
}

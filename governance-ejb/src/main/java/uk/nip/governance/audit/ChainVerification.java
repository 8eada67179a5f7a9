package uk.nip.governance.audit;

import java.util.Iterator;

/**
 * The result of walking the audit chain: how many records were checked, and the first broken
 * link with what is wrong there.
 */
public record ChainVerification(boolean intact, long recordsChecked, Long firstBrokenSeq, String problem,
        String headHash) {

    /** Walks records in sequence order. Pure, so it is tested without a database. */
    public static ChainVerification of(Iterator<AuditRecord> records) {
        String expectedPrev = AuditRecord.GENESIS_HASH;
        long expectedSeq = 1;
        long checked = 0;
        while (records.hasNext()) {
            AuditRecord r = records.next();
            checked++;
            if (r.getSeq() != expectedSeq) {
                return broken(checked, expectedSeq, r.getSeq() < expectedSeq
                        ? "record " + r.getSeq() + " is out of order (expected " + expectedSeq + ")"
                        : "records " + expectedSeq + " to " + (r.getSeq() - 1) + " are missing");
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
        return new ChainVerification(true, checked, null, null, expectedPrev);
    }

    private static ChainVerification broken(long checked, long seq, String problem) {
        return new ChainVerification(false, checked, seq, "Record " + seq + ": " + problem, null);
    }
}

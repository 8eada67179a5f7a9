package uk.nip.governance.audit;

import java.time.Instant;
import java.util.List;

/**
 * Compares every published head with the chain as stored now. A rewrite that recomputed every
 * hash and the head passes the link-by-link walk, but cannot match a hash published before it.
 */
public final class DigestCheck {

    /**
     * A published head beside what the chain holds at its sequence number now.
     *
     * @param storedHash the hash of the record at {@code seq} today, or {@code null} if there is none
     */
    public record Published(long seq, String publishedHash, Instant publishedAt, String storedHash) {
    }

    /** How many published heads were compared, and the first (oldest) that no longer matches. */
    public record Result(int checked, Long firstMismatchSeq, String problem) {
        public boolean matches() {
            return firstMismatchSeq == null;
        }
    }

    private DigestCheck() {
    }

    /** {@code published} oldest first. Pure, so it is tested without a database. */
    public static Result compare(List<Published> published) {
        int checked = 0;
        for (Published p : published) {
            checked++;
            String stored = p.storedHash() == null ? null : p.storedHash().strip();
            if (stored == null) {
                return new Result(checked, p.seq(), "The head published at " + p.publishedAt() + " ends at record "
                        + p.seq() + ", which is no longer in the trail (records were removed).");
            }
            if (!stored.equals(p.publishedHash().strip())) {
                return new Result(checked, p.seq(), "The head published at " + p.publishedAt() + " says record "
                        + p.seq() + " has hash " + p.publishedHash().strip() + ", but it now has " + stored
                        + " (history up to that record was rewritten).");
            }
        }
        return new Result(checked, null, null);
    }
}

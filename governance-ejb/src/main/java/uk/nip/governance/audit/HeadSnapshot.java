package uk.nip.governance.audit;

import java.time.Instant;

/**
 * The newest link of the chain at one moment: publish {@code seq} and {@code hash} outside the
 * database, and anyone can later check that the records up to {@code seq} were not rewritten.
 *
 * @param seq          sequence number of the newest record (0 while the trail is empty)
 * @param hash         that record's hash (64 zeros while the trail is empty)
 * @param lastRecordAt when the newest record was written ({@code null} while the trail is empty)
 * @param observedAt   when the head was read
 */
public record HeadSnapshot(long seq, String hash, Instant lastRecordAt, Instant observedAt) {
}

package uk.nip.governance.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A published audit head: the chain's newest sequence number and hash at the time it was published. */
@Entity
@Table(name = "audit_digest")
public class AuditDigest {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "published_at", nullable = false)
    private Instant publishedAt;

    @Column(name = "last_seq", nullable = false)
    private long lastSeq;

    @Column(name = "head_hash", nullable = false, length = 64)
    private String headHash;

    protected AuditDigest() {
    }

    public AuditDigest(Instant publishedAt, long lastSeq, String headHash) {
        this.publishedAt = publishedAt;
        this.lastSeq = lastSeq;
        this.headHash = headHash;
    }

    public Long getId() { return id; }
    public Instant getPublishedAt() { return publishedAt; }
    public long getLastSeq() { return lastSeq; }
    /** Stored fixed-width; compared and shown without padding. */
    public String getHeadHash() { return headHash == null ? null : headHash.strip(); }
}

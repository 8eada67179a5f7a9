package uk.nip.governance.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The single row that serialises appends: whoever holds its lock writes the next record. */
@Entity
@Table(name = "audit_head")
public class AuditHead {

    @Id
    private int id;

    @Column(name = "last_seq", nullable = false)
    private long lastSeq;

    @Column(name = "last_hash", nullable = false, length = 64)
    private String lastHash;

    protected AuditHead() {
    }

    long lastSeq() { return lastSeq; }
    String lastHash() { return lastHash; }

    void advance(AuditRecord record) {
        this.lastSeq = record.getSeq();
        this.lastHash = record.getHash();
    }
}

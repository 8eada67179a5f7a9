package uk.nip.governance.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One append-only entry of the audit trail. Each record carries the hash of the record before it
 * and the hash of its own canonical content, so changing, deleting or reordering any record
 * breaks the chain from that point on.
 */
@Entity
@Table(name = "audit_record")
public class AuditRecord {

    public static final String GENESIS_HASH = "0".repeat(64);

    @Id
    private long seq;

    @Column(nullable = false)
    private Instant at;

    @Column(nullable = false)
    private String actor;

    @Column(name = "actor_role", nullable = false)
    private String role;

    @Column(nullable = false)
    private String action;

    @Column(name = "object_type", nullable = false)
    private String objectType;

    @Column(name = "object_id", nullable = false)
    private String objectId;

    @Column(nullable = false)
    private String origin;

    @Column(length = 4000)
    private String detail;

    @Column(name = "prev_hash", nullable = false, length = 64)
    private String prevHash;

    @Column(nullable = false, length = 64)
    private String hash;

    protected AuditRecord() {
    }

    AuditRecord(long seq, Instant at, String actor, String role, String action, String objectType,
            String objectId, String origin, String detail, String prevHash) {
        this.seq = seq;
        this.at = at;
        this.actor = actor;
        this.role = role;
        this.action = action;
        this.objectType = objectType;
        this.objectId = objectId;
        this.origin = origin;
        this.detail = detail;
        this.prevHash = prevHash;
        this.hash = computeHash();
    }

    /**
     * A record exactly as it was stored, hash included, so it can be verified. Used by verification
     * and exports, which read rows without making them managed entities.
     */
    public static AuditRecord stored(long seq, Instant at, String actor, String role, String action,
            String objectType, String objectId, String origin, String detail, String prevHash, String hash) {
        AuditRecord r = new AuditRecord();
        r.seq = seq;
        r.at = at;
        r.actor = actor;
        r.role = role;
        r.action = action;
        r.objectType = objectType;
        r.objectId = objectId;
        r.origin = origin;
        r.detail = detail;
        r.prevHash = prevHash;
        r.hash = hash;
        return r;
    }

    /** Length-prefixed fields, so no choice of field values can make two records collide. */
    String canonicalContent() {
        StringBuilder sb = new StringBuilder();
        for (String field : new String[] {Long.toString(seq), at.toString(), actor, role, action, objectType,
                objectId, origin, detail == null ? "" : detail, prevHash}) {
            sb.append(field.length()).append(':').append(field).append('|');
        }
        return sb.toString();
    }

    public String computeHash() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(canonicalContent().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    public long getSeq() { return seq; }
    public Instant getAt() { return at; }
    public String getActor() { return actor; }
    public String getRole() { return role; }
    public String getAction() { return action; }
    public String getObjectType() { return objectType; }
    public String getObjectId() { return objectId; }
    public String getOrigin() { return origin; }
    public String getDetail() { return detail; }
    public String getPrevHash() { return prevHash; }
    public String getHash() { return hash; }
}

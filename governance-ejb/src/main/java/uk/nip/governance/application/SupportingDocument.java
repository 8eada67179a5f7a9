package uk.nip.governance.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A PDF supporting an application (ethics letter, protocol, funder's letter). Kept in the database
 * with the application, so a backup of one is a backup of both; the SHA-256 lets anyone check that
 * what they download is what was uploaded.
 */
@Entity
@Table(name = "application_document")
public class SupportingDocument {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "application_id", nullable = false, updatable = false)
    private long applicationId;

    @Column(nullable = false, updatable = false)
    private String filename;

    @Column(name = "size_bytes", nullable = false, updatable = false)
    private long sizeBytes;

    @Column(nullable = false, updatable = false, length = 64)
    private String sha256;

    @Column(name = "uploaded_by", nullable = false, updatable = false)
    private String uploadedBy;

    @Column(name = "uploaded_at", nullable = false, updatable = false)
    private Instant uploadedAt;

    @Column(nullable = false, updatable = false)
    private byte[] content;

    protected SupportingDocument() {
    }

    SupportingDocument(long applicationId, String filename, byte[] content, String sha256, String uploadedBy,
            Instant uploadedAt) {
        this.applicationId = applicationId;
        this.filename = filename;
        this.content = content;
        this.sizeBytes = content.length;
        this.sha256 = sha256;
        this.uploadedBy = uploadedBy;
        this.uploadedAt = uploadedAt;
    }

    public Long getId() { return id; }
    public long getApplicationId() { return applicationId; }
    public String getFilename() { return filename; }
    public long getSize() { return sizeBytes; }
    public String getSha256() { return sha256; }
    public String getUploadedBy() { return uploadedBy; }
    public Instant getUploadedAt() { return uploadedAt; }
    public byte[] getContent() { return content.clone(); }
}

package uk.nip.governance.agreement;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One version of an application's data-sharing agreement: the PDF exactly as issued, its SHA-256
 * (which both signatures bind), and where it stands. Versions are never rewritten, only superseded,
 * revoked or expired, so every earlier version stays readable.
 */
@Entity
@Table(name = "data_sharing_agreement")
public class DataSharingAgreement {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "application_id", nullable = false, updatable = false)
    private long applicationId;

    @Column(name = "version_number", nullable = false, updatable = false)
    private int versionNumber;

    @Column(name = "template_version", nullable = false, updatable = false)
    private int templateVersion;

    @Column(nullable = false, updatable = false)
    private byte[] pdf;

    /** Kept beside the bytes so listing versions never reads them. */
    @Column(name = "size_bytes", nullable = false, updatable = false)
    private long sizeBytes;

    @Column(nullable = false, updatable = false, length = 64)
    private String sha256;

    @Column(name = "issued_at", nullable = false, updatable = false)
    private Instant issuedAt;

    @Column(name = "issued_by", nullable = false, updatable = false)
    private String issuedBy;

    @Column(name = "expiry_date", nullable = false, updatable = false)
    private LocalDate expiryDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    private AgreementStatus status;

    @Column(name = "effective_at")
    private Instant effectiveAt;

    /** When it stopped governing access: superseded, revoked or expired. */
    @Column(name = "ended_at")
    private Instant endedAt;

    /** Why this version was issued: approval, an amendment, a renewal. */
    @Column(nullable = false, updatable = false, length = 4000)
    private String reason;

    @Version
    @Column(name = "lock_version")
    private long lockVersion;

    protected DataSharingAgreement() {
    }

    DataSharingAgreement(long applicationId, int versionNumber, int templateVersion, byte[] pdf, String sha256,
            Instant issuedAt, String issuedBy, LocalDate expiryDate, String reason) {
        this.applicationId = applicationId;
        this.versionNumber = versionNumber;
        this.templateVersion = templateVersion;
        this.pdf = pdf;
        this.sizeBytes = pdf.length;
        this.sha256 = sha256;
        this.issuedAt = issuedAt;
        this.issuedBy = issuedBy;
        this.expiryDate = expiryDate;
        this.reason = reason;
        this.status = AgreementStatus.AWAITING_SIGNATURES;
    }

    void takeEffect(Instant at) {
        status = AgreementStatus.IN_EFFECT;
        effectiveAt = at;
    }

    void end(AgreementStatus how, Instant at) {
        status = how;
        endedAt = at;
    }

    /** Still to be signed, or governing access now: the versions revocation ends. */
    public boolean isLive() {
        return status == AgreementStatus.AWAITING_SIGNATURES || status == AgreementStatus.IN_EFFECT;
    }

    public Long getId() { return id; }
    public long getApplicationId() { return applicationId; }
    public int getVersionNumber() { return versionNumber; }
    public int getTemplateVersion() { return templateVersion; }
    public byte[] getPdf() { return pdf; }
    public long getSizeBytes() { return sizeBytes; }
    public String getSha256() { return sha256; }
    public Instant getIssuedAt() { return issuedAt; }
    public String getIssuedBy() { return issuedBy; }
    public LocalDate getExpiryDate() { return expiryDate; }
    public AgreementStatus getStatus() { return status; }
    public Instant getEffectiveAt() { return effectiveAt; }
    public Instant getEndedAt() { return endedAt; }
    public String getReason() { return reason; }
    public long getLockVersion() { return lockVersion; }
}

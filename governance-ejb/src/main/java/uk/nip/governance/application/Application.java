package uk.nip.governance.application;

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
import uk.nip.governance.domain.ApplicationState;

/**
 * A researcher's application for imaging data. Its state column is a projection of its event
 * history, written in the same transaction as each event; the events remain the source of truth.
 */
@Entity
@Table(name = "application")
public class Application {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** The project identifier researchers, the register and the broker use. */
    @Column(nullable = false, unique = true)
    private String reference;

    @Column(nullable = false)
    private String title;

    @Column(name = "lay_summary", length = 4000)
    private String laySummary;

    @Column(name = "public_benefit", length = 4000)
    private String publicBenefit;

    @Column(name = "technical_summary", length = 8000)
    private String technicalSummary;

    private String organisation;

    @Column(name = "lead_username", nullable = false)
    private String leadUsername;

    @Column(name = "dataset_id")
    private String datasetId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ApplicationState state;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "decision_reason", length = 4000)
    private String decisionReason;

    @Column(name = "provisioned_files")
    private Long provisionedFiles;

    @Column(name = "manifest_sha256", length = 64)
    private String manifestSha256;

    @Version
    private long version;

    protected Application() {
    }

    Application(String reference, String leadUsername, Instant createdAt) {
        this.reference = reference;
        this.leadUsername = leadUsername;
        this.createdAt = createdAt;
        this.state = ApplicationState.DRAFT;
        this.title = "";
    }

    void moveTo(ApplicationState next) {
        this.state = next;
    }

    void recordDecision(Instant at, String reason) {
        this.decidedAt = at;
        this.decisionReason = reason;
    }

    void recordProvisioning(long files, String manifestSha256) {
        this.provisionedFiles = files;
        this.manifestSha256 = manifestSha256;
    }

    void setReference(String reference) {
        this.reference = reference;
    }

    public Long getId() { return id; }
    public String getReference() { return reference; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getLaySummary() { return laySummary; }
    public void setLaySummary(String laySummary) { this.laySummary = laySummary; }
    public String getPublicBenefit() { return publicBenefit; }
    public void setPublicBenefit(String publicBenefit) { this.publicBenefit = publicBenefit; }
    public String getTechnicalSummary() { return technicalSummary; }
    public void setTechnicalSummary(String technicalSummary) { this.technicalSummary = technicalSummary; }
    public String getOrganisation() { return organisation; }
    public void setOrganisation(String organisation) { this.organisation = organisation; }
    public String getLeadUsername() { return leadUsername; }
    public String getDatasetId() { return datasetId; }
    public void setDatasetId(String datasetId) { this.datasetId = datasetId; }
    public ApplicationState getState() { return state; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getDecidedAt() { return decidedAt; }
    public String getDecisionReason() { return decisionReason; }
    public Long getProvisionedFiles() { return provisionedFiles; }
    public String getManifestSha256() { return manifestSha256; }
    public long getVersion() { return version; }
}

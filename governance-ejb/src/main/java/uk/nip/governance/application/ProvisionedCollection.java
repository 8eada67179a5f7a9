package uk.nip.governance.application;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A collection the broker provisioned into a project's folder, as it reported it: each requested
 * collection before access begins, then each one an amendment adds. The manifest's SHA-256 is
 * what a custodian checks a release against.
 */
@Entity
@Table(name = "provisioned_collection")
public class ProvisionedCollection {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "application_id", nullable = false)
    private long applicationId;

    @Column(name = "dataset_id", nullable = false)
    private String datasetId;

    @Column(name = "files_provisioned", nullable = false)
    private long filesProvisioned;

    /** Null for collections provisioned before this was recorded. */
    @Column(name = "files_quarantined")
    private Long filesQuarantined;

    @Column(name = "manifest_sha256", nullable = false, length = 64)
    private String manifestSha256;

    /** Null for collections provisioned before this was recorded. */
    @Column(name = "provisioned_at")
    private Instant provisionedAt;

    protected ProvisionedCollection() {
    }

    ProvisionedCollection(long applicationId, String datasetId, long filesProvisioned, long filesQuarantined,
            String manifestSha256, Instant provisionedAt) {
        this.applicationId = applicationId;
        this.datasetId = datasetId;
        this.filesProvisioned = filesProvisioned;
        this.filesQuarantined = filesQuarantined;
        this.manifestSha256 = manifestSha256;
        this.provisionedAt = provisionedAt;
    }

    public Long getId() { return id; }
    public long getApplicationId() { return applicationId; }
    public String getDatasetId() { return datasetId; }
    public long getFilesProvisioned() { return filesProvisioned; }
    public Long getFilesQuarantined() { return filesQuarantined; }
    public String getManifestSha256() { return manifestSha256; }
    public Instant getProvisionedAt() { return provisionedAt; }
}

package uk.nip.governance.teardown;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The broker's evidence that a project's data is gone, kept in governance with why access ended
 * and how long enforcement took from the decision (the propagation time).
 */
@Entity
@Table(name = "destruction_attestation")
public class DestructionAttestation {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "application_id", nullable = false)
    private long applicationId;

    /** REVOKED or EXPIRED: the state access ended in. */
    @Column(name = "ended_as", nullable = false)
    private String endedAs;

    /** The revocation ground (RevocationGround name); null on expiry. */
    private String ground;

    @Column(name = "files_destroyed", nullable = false)
    private long filesDestroyed;

    @Column(name = "bytes_destroyed", nullable = false)
    private long bytesDestroyed;

    @Column(name = "manifest_sha256", nullable = false)
    private String manifestSha256;

    @Column(name = "destroyed_at", nullable = false)
    private Instant destroyedAt;

    @Column(name = "destroyed_by", nullable = false)
    private String destroyedBy;

    @Column(name = "process_instance_id", nullable = false)
    private String processInstanceId;

    @Column(name = "credentials_withdrawn_at")
    private Instant credentialsWithdrawnAt;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(name = "enforced_at", nullable = false)
    private Instant enforcedAt;

    @Column(name = "propagation_millis", nullable = false)
    private long propagationMillis;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected DestructionAttestation() {
    }

    DestructionAttestation(long applicationId, String endedAs, String ground, long filesDestroyed,
            long bytesDestroyed, String manifestSha256, Instant destroyedAt, String destroyedBy,
            String processInstanceId, Instant credentialsWithdrawnAt, Instant requestedAt, Instant enforcedAt,
            Instant recordedAt) {
        this.applicationId = applicationId;
        this.endedAs = endedAs;
        this.ground = ground;
        this.filesDestroyed = filesDestroyed;
        this.bytesDestroyed = bytesDestroyed;
        this.manifestSha256 = manifestSha256;
        this.destroyedAt = destroyedAt;
        this.destroyedBy = destroyedBy;
        this.processInstanceId = processInstanceId;
        this.credentialsWithdrawnAt = credentialsWithdrawnAt;
        this.requestedAt = requestedAt;
        this.enforcedAt = enforcedAt;
        this.propagationMillis = Math.max(0, enforcedAt.toEpochMilli() - requestedAt.toEpochMilli());
        this.recordedAt = recordedAt;
    }

    public Long getId() { return id; }
    public long getApplicationId() { return applicationId; }
    public String getEndedAs() { return endedAs; }
    public String getGround() { return ground; }
    public long getFilesDestroyed() { return filesDestroyed; }
    public long getBytesDestroyed() { return bytesDestroyed; }
    public String getManifestSha256() { return manifestSha256; }
    public Instant getDestroyedAt() { return destroyedAt; }
    public String getDestroyedBy() { return destroyedBy; }
    public String getProcessInstanceId() { return processInstanceId; }
    public Instant getCredentialsWithdrawnAt() { return credentialsWithdrawnAt; }
    public Instant getRequestedAt() { return requestedAt; }
    public Instant getEnforcedAt() { return enforcedAt; }
    public long getPropagationMillis() { return propagationMillis; }
    public Instant getRecordedAt() { return recordedAt; }
}

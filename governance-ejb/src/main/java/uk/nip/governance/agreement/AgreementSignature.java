package uk.nip.governance.agreement;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An authenticated person's signature on one agreement version, binding the SHA-256 of the PDF they saw. */
@Entity
@Table(name = "agreement_signature")
public class AgreementSignature {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "agreement_id", nullable = false, updatable = false)
    private long agreementId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 20)
    private SignatoryParty party;

    @Column(nullable = false, updatable = false)
    private String username;

    @Column(name = "signed_at", nullable = false, updatable = false)
    private Instant signedAt;

    @Column(nullable = false, updatable = false)
    private String origin;

    @Column(nullable = false, updatable = false, length = 64)
    private String sha256;

    protected AgreementSignature() {
    }

    AgreementSignature(long agreementId, SignatoryParty party, String username, Instant signedAt, String origin,
            String sha256) {
        this.agreementId = agreementId;
        this.party = party;
        this.username = username;
        this.signedAt = signedAt;
        this.origin = origin.length() > 100 ? origin.substring(0, 100) : origin;
        this.sha256 = sha256;
    }

    public Long getId() { return id; }
    public long getAgreementId() { return agreementId; }
    public SignatoryParty getParty() { return party; }
    public String getUsername() { return username; }
    public Instant getSignedAt() { return signedAt; }
    public String getOrigin() { return origin; }
    public String getSha256() { return sha256; }
}

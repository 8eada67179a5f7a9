package uk.nip.governance.agreement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One agreement version as listed: everything but the PDF's bytes. */
public record AgreementSummary(long id, long applicationId, int version, int templateVersion, String sha256,
        long sizeBytes, Instant issuedAt, String issuedBy, LocalDate expiryDate, AgreementStatus status,
        Instant effectiveAt, Instant endedAt, String reason, List<Signature> signatures) {

    public record Signature(SignatoryParty party, String username, Instant signedAt, String origin, String sha256) {
        static Signature of(AgreementSignature s) {
            return new Signature(s.getParty(), s.getUsername(), s.getSignedAt(), s.getOrigin(), s.getSha256());
        }
    }

    public boolean signedBy(SignatoryParty party) {
        return signatures.stream().anyMatch(s -> s.party() == party);
    }
}

package uk.nip.governance.agreement;

/** A new agreement version awaits both signatures; fired inside the issuing transaction. */
public record AgreementIssued(long applicationId, int version) {
}

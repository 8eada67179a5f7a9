package uk.nip.governance.agreement;

/**
 * Fired inside the signing transaction when both parties have signed a version. The workflow moves
 * on to provisioning only for the first agreement of an application (state AGREEMENT_SIGNED).
 */
public record AgreementInEffect(long applicationId, long agreementId, int version) {
}

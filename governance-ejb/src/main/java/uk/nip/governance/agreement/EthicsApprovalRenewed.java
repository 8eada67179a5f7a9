package uk.nip.governance.agreement;

import java.time.LocalDate;

/** A custodian recorded a renewed ethics approval: the workflow watches the new expiry date. */
public record EthicsApprovalRenewed(long applicationId, String reference, LocalDate ethicsExpiry, boolean resumed) {
}

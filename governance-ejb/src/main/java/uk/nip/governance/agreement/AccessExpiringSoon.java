package uk.nip.governance.agreement;

import java.time.LocalDate;

/** The agreement in effect ends soon; the workflow fires this ahead of the expiry date. */
public record AccessExpiringSoon(long applicationId, LocalDate endDate) {
}

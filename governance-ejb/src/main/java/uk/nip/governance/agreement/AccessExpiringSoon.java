package uk.nip.governance.agreement;

import java.time.LocalDate;

/** The agreement ends soon: the team should renew or prepare for destruction of the data. */
public record AccessExpiringSoon(long applicationId, String reference, LocalDate endDate) {
}

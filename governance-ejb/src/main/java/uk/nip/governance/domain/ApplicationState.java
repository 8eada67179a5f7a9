package uk.nip.governance.domain;

import java.util.Locale;

/** The states a researcher, committee and the public see an application in (domain.md). */
public enum ApplicationState {
    DRAFT,
    SUBMITTED,
    SCREENING,
    RETURNED,
    UNDER_REVIEW,
    CLARIFICATION_REQUESTED,
    APPROVED,
    REJECTED,
    WITHDRAWN,
    AGREEMENT_PENDING,
    AGREEMENT_SIGNED,
    PROVISIONING,
    ACTIVE,
    SUSPENDED,
    EXPIRED,
    REVOKED,
    CLOSED;

    /** States in which the application is an approved use and so appears on the public register. */
    public boolean isOnRegister() {
        return switch (this) {
            case APPROVED, AGREEMENT_PENDING, AGREEMENT_SIGNED, PROVISIONING, ACTIVE, SUSPENDED, EXPIRED,
                    REVOKED, CLOSED -> true;
            default -> false;
        };
    }

    public String label() {
        String s = name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}

package uk.nip.governance.agreement;

import java.util.Locale;

/** Where one version of an agreement stands. */
public enum AgreementStatus {
    /** Issued; waits for the applicant and the chair. */
    AWAITING_SIGNATURES,
    /** Both have signed; it governs the project's access. */
    IN_EFFECT,
    /** A later version replaced it (in effect, or issued before this one was signed). */
    SUPERSEDED,
    /** Not signed by both parties within the signing period; it can no longer be signed. */
    LAPSED,
    REVOKED,
    EXPIRED;

    public String label() {
        String s = name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}

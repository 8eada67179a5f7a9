package uk.nip.governance.application;

/** The lawful basis for processing personal data: UK GDPR Article 6(1), points (a) to (f). */
public enum Article6Condition {
    A_CONSENT("6(1)(a)", "Consent"),
    B_CONTRACT("6(1)(b)", "Contract"),
    C_LEGAL_OBLIGATION("6(1)(c)", "Legal obligation"),
    D_VITAL_INTERESTS("6(1)(d)", "Vital interests"),
    E_PUBLIC_TASK("6(1)(e)", "Public task"),
    F_LEGITIMATE_INTERESTS("6(1)(f)", "Legitimate interests");

    private final String code;
    private final String label;

    Article6Condition(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return code + " " + label;
    }
}

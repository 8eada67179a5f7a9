package uk.nip.governance.application;

/**
 * The condition for processing health data, a special category: UK GDPR Article 9(2), points (a)
 * to (j). Research on imaging usually rests on (j), with (h) or (i) for NHS service work.
 */
public enum Article9Condition {
    A_EXPLICIT_CONSENT("9(2)(a)", "Explicit consent"),
    B_EMPLOYMENT_SOCIAL_SECURITY("9(2)(b)", "Employment, social security and social protection"),
    C_VITAL_INTERESTS("9(2)(c)", "Vital interests"),
    D_NOT_FOR_PROFIT_BODIES("9(2)(d)", "Not-for-profit bodies"),
    E_MADE_PUBLIC("9(2)(e)", "Made public by the data subject"),
    F_LEGAL_CLAIMS("9(2)(f)", "Legal claims or judicial acts"),
    G_SUBSTANTIAL_PUBLIC_INTEREST("9(2)(g)", "Reasons of substantial public interest"),
    H_HEALTH_OR_SOCIAL_CARE("9(2)(h)", "Health or social care"),
    I_PUBLIC_HEALTH("9(2)(i)", "Public health"),
    J_ARCHIVING_RESEARCH_STATISTICS("9(2)(j)", "Archiving, research and statistics");

    private final String code;
    private final String label;

    Article9Condition(String code, String label) {
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

package uk.nip.governance.agreement;

/** The grounds on which the revocation clause lets the platform revoke access. */
public enum RevocationGround {
    BREACH("Breach of the agreement"),
    ETHICS_APPROVAL_ENDED("End of ethics approval"),
    CHANGE_OF_INSTITUTION("Change of institution"),
    PUBLIC_INTEREST("Risk to the public interest"),
    REIDENTIFICATION_RISK("Risk of re-identification");

    private final String label;

    RevocationGround(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

package uk.nip.governance.application;

/** What the project will do with the images (domain.md "What an application holds"). */
public enum PurposeCategory {
    RESEARCH("Research"),
    SERVICE_EVALUATION("Service evaluation"),
    ALGORITHM_TRAINING("Algorithm training"),
    ALGORITHM_VALIDATION("Algorithm validation"),
    COMMERCIAL_PRODUCT_DEVELOPMENT("Commercial product development");

    private final String label;

    PurposeCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** A purpose that is commercial whatever the applicant ticks. */
    public boolean isCommercial() {
        return this == COMMERCIAL_PRODUCT_DEVELOPMENT;
    }
}

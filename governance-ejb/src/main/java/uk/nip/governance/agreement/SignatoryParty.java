package uk.nip.governance.agreement;

/** The two parties to a data-sharing agreement. */
public enum SignatoryParty {
    /** The application's lead, for the project team and their organisation. */
    APPLICANT("Lead applicant"),
    /** A data access committee chair, for the platform and the data controllers. */
    COMMITTEE_CHAIR("Committee chair");

    private final String label;

    SignatoryParty(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

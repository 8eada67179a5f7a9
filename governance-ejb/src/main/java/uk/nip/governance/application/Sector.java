package uk.nip.governance.application;

/** The kind of organisation leading the project. */
public enum Sector {
    ACADEMIC("Academic"),
    NHS("NHS"),
    COMMERCIAL("Commercial"),
    CHARITY("Charity"),
    GOVERNMENT("Government");

    private final String label;

    Sector(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

package uk.nip.governance.application;

/** What an amendment asks for (domain.md): more data, more time, new members, or a renewal. */
public enum AmendmentKind {
    MORE_DATA("More data"),
    MORE_TIME("More time"),
    NEW_MEMBERS("New team members"),
    RENEWAL("Renewal");

    private final String label;

    AmendmentKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

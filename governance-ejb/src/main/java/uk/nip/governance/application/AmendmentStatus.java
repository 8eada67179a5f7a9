package uk.nip.governance.application;

/** Where an amendment stands; an approved one takes effect only when its agreement version is signed. */
public enum AmendmentStatus {
    UNDER_REVIEW("Under review"),
    APPROVED("Approved; the new agreement version awaits signatures"),
    IN_EFFECT("In effect"),
    /** Approved, but its agreement version was not signed in time: nothing changed. */
    LAPSED("Lapsed: the new agreement version was not signed in time"),
    REJECTED("Rejected"),
    WITHDRAWN("Withdrawn"),
    /** Access was revoked, ended or suspended before the amendment took effect. */
    CLOSED("Closed: access was revoked, ended or suspended before it took effect");

    private final String label;

    AmendmentStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

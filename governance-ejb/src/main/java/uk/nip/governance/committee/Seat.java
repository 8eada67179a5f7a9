package uk.nip.governance.committee;

/** A person's seat on a committee. The chair is also a member: they declare, and may vote. */
public enum Seat {
    MEMBER,
    CHAIR
}

package uk.nip.governance.application;

public enum AmendmentStatus {
    UNDER_REVIEW,
    APPROVED,
    REJECTED,
    WITHDRAWN
}

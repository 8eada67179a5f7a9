package uk.nip.governance.agreement;

/** What the ethics approval's expiry date found when it came. */
public enum EthicsCheck {
    /** The approval ended: access is suspended until a custodian records a renewed one. */
    SUSPENDED,
    /** A renewed approval was recorded before this date; access goes on. */
    STILL_VALID,
    /** Access had already ended (expired, revoked or closed): nothing to suspend. */
    ACCESS_OVER
}

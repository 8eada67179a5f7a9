package uk.nip.governance.domain;

/** The platform's roles, as named in the identity provider's realm. */
public enum Role {
    RESEARCHER("researcher"),
    CUSTODIAN("custodian"),
    DAC_MEMBER("dac-member"),
    DAC_CHAIR("dac-chair"),
    AUDITOR("auditor"),
    ADMIN("admin"),
    /** The DICOM broker's service account. */
    BROKER("broker"),
    /** The workflow engine acting on a timer or on the broker's behalf. */
    SYSTEM("system");

    private final String realmName;

    Role(String realmName) {
        this.realmName = realmName;
    }

    public String realmName() {
        return realmName;
    }

    public static Role fromRealmName(String name) {
        for (Role r : values()) {
            if (r.realmName.equals(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("Unknown role: " + name);
    }
}

package uk.nip.governance.catalogue;

import java.util.Locale;
import java.util.Optional;

/**
 * The GA4GH Data Use Ontology (DUO) terms this platform records on collections, with the CURIEs,
 * shorthands and labels the ontology itself uses (EBISPOT/DUO, duo.csv). Permissions say what a
 * collection may be used for; modifiers add conditions. Stored on a collection by CURIE.
 */
public enum DuoCode {
    GENERAL_RESEARCH_USE("DUO:0000042", "GRU", "general research use", true),
    HEALTH_MEDICAL_BIOMEDICAL_RESEARCH("DUO:0000006", "HMB", "health or medical or biomedical research", true),
    DISEASE_SPECIFIC_RESEARCH("DUO:0000007", "DS", "disease specific research", true),
    NON_COMMERCIAL_USE_ONLY("DUO:0000046", "NCU", "non-commercial use only", false),
    NOT_FOR_PROFIT_NON_COMMERCIAL_USE_ONLY("DUO:0000018", "NPUNCU", "not for profit, non commercial use only", false),
    NOT_FOR_PROFIT_ORGANISATION_USE_ONLY("DUO:0000045", "NPU", "not for profit organisation use only", false),
    NO_GENERAL_METHODS_RESEARCH("DUO:0000015", "NMDS", "no general methods research", false),
    ETHICS_APPROVAL_REQUIRED("DUO:0000021", "IRB", "ethics approval required", false),
    PUBLICATION_REQUIRED("DUO:0000019", "PUB", "publication required", false),
    TIME_LIMIT_ON_USE("DUO:0000025", "TS", "time limit on use", false);

    private final String curie;
    private final String shorthand;
    private final String label;
    private final boolean permission;

    DuoCode(String curie, String shorthand, String label, boolean permission) {
        this.curie = curie;
        this.shorthand = shorthand;
        this.label = label;
        this.permission = permission;
    }

    public String curie() { return curie; }
    public String shorthand() { return shorthand; }
    public String label() { return label; }

    /** A data use permission (what the data may be used for) rather than a modifier (a condition). */
    public boolean isPermission() { return permission; }

    /** "DUO:0000046 non-commercial use only", as people read it on pages and in audit records. */
    public String describe() {
        return curie + " " + label;
    }

    /** The term with this CURIE; also accepts the shorthand (NCU) and the underscore form (DUO_0000046). */
    public static Optional<DuoCode> of(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.strip().toUpperCase(Locale.ROOT).replace('_', ':');
        for (DuoCode d : values()) {
            if (d.curie.equals(c) || d.shorthand.equals(c)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}

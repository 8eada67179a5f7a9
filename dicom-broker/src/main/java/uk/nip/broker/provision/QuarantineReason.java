package uk.nip.broker.provision;

/** Why an input file was not released. Codes are stable: manifests and dashboards count them. */
public enum QuarantineReason {
    EMPTY_FILE("empty-file"),
    OVERSIZED("oversized"),
    UNREADABLE("unreadable"),
    NOT_DICOM("not-dicom"),
    TRUNCATED("truncated"),
    MALFORMED("malformed"),
    UNSUPPORTED("unsupported"),
    BURNED_IN_TEXT_RISK("burned-in-text-risk"),
    DUPLICATE_INSTANCE("duplicate-instance"),
    DEIDENTIFICATION_FAILED("deidentification-failed"),
    IDENTIFIER_LEAK("identifier-leak");

    private final String code;

    QuarantineReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static QuarantineReason fromCode(String code) {
        for (QuarantineReason r : values()) {
            if (r.code.equals(code)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown quarantine reason '" + code + "'");
    }
}

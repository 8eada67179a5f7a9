package uk.nip.broker.deid;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The PS3.15 Annex E options this broker can apply on top of the Basic Profile,
 * with their CID 7050 codes. Clean Pixel Data is deliberately absent: images at
 * risk of burned-in text are quarantined instead of being claimed clean.
 */
public enum DeidentificationOption {
    CLEAN_DESCRIPTORS("113105", "Clean Descriptors Option"),
    RETAIN_LONGITUDINAL_MODIFIED_DATES("113107", "Retain Longitudinal Temporal Information Modified Dates Option"),
    RETAIN_PATIENT_CHARACTERISTICS("113108", "Retain Patient Characteristics Option"),
    RETAIN_DEVICE_IDENTITY("113109", "Retain Device Identity Option"),
    RETAIN_SAFE_PRIVATE("113111", "Retain Safe Private Option");

    private final String codeValue;
    private final String codeMeaning;

    DeidentificationOption(String codeValue, String codeMeaning) {
        this.codeValue = codeValue;
        this.codeMeaning = codeMeaning;
    }

    public String codeValue() {
        return codeValue;
    }

    public String codeMeaning() {
        return codeMeaning;
    }

    /** The name users type on the command line, e.g. {@code retain-safe-private}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static DeidentificationOption fromName(String name) {
        String normalised = name.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (DeidentificationOption o : values()) {
            if (o.name().equals(normalised) || o.codeValue.equals(name.trim())) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown de-identification option '" + name + "'; known options: "
                + Arrays.stream(values()).map(DeidentificationOption::optionName).collect(Collectors.joining(", ")));
    }
}

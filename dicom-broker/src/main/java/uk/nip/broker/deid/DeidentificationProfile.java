package uk.nip.broker.deid;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The Basic Application Level Confidentiality Profile plus a chosen set of options. */
public record DeidentificationProfile(Set<DeidentificationOption> options) {

    public static final String BASIC_PROFILE_CODE = "113100";
    public static final String BASIC_PROFILE_MEANING = "Basic Application Confidentiality Profile";
    public static final String NAME = "DICOM PS3.15 Annex E Basic Application Level Confidentiality Profile";

    public DeidentificationProfile {
        options = options.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(DeidentificationOption.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(options));
    }

    /** TCIA's public profile, less Clean Pixel Data (risky images are quarantined instead). */
    public static DeidentificationProfile tciaDefault() {
        return new DeidentificationProfile(EnumSet.allOf(DeidentificationOption.class));
    }

    public static DeidentificationProfile of(Collection<DeidentificationOption> options) {
        return new DeidentificationProfile(options.isEmpty() ? EnumSet.noneOf(DeidentificationOption.class) : EnumSet.copyOf(options));
    }

    public static DeidentificationProfile fromOptionNames(List<String> names) {
        if (names.isEmpty()) {
            return tciaDefault();
        }
        EnumSet<DeidentificationOption> chosen = EnumSet.noneOf(DeidentificationOption.class);
        for (String n : names) {
            // "basic" asks for the Basic Profile with no options at all
            if (!n.trim().equalsIgnoreCase("basic")) {
                chosen.add(DeidentificationOption.fromName(n));
            }
        }
        return new DeidentificationProfile(chosen);
    }

    public boolean has(DeidentificationOption option) {
        return options.contains(option);
    }
}

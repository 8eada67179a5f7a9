package uk.nip.broker.deid;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.TagFromName;

/**
 * Header flags cannot prove an image free of burned-in text, so the broker fails closed:
 * anything that commonly carries text or faces in its pixels is quarantined for a person
 * to look at, instead of being released with a claim it does not meet.
 */
public final class BurnedInTextRisk {

    private static final Set<String> RISKY_MODALITIES = Set.of("US", "SC", "OT", "XC", "DOC");

    private static final String SECONDARY_CAPTURE_FAMILY = "1.2.840.10008.5.1.4.1.1.7";
    private static final Set<String> RISKY_SOP_CLASSES = Set.of(
            "1.2.840.10008.5.1.4.1.1.6.1",      // Ultrasound Image
            "1.2.840.10008.5.1.4.1.1.6.2",      // Enhanced US Volume
            "1.2.840.10008.5.1.4.1.1.3.1",      // Ultrasound Multi-frame Image
            "1.2.840.10008.5.1.4.1.1.77.1.4",   // VL Photographic Image
            "1.2.840.10008.5.1.4.1.1.77.1.4.1", // Video Photographic Image
            "1.2.840.10008.5.1.4.1.1.77.1.1.1", // Video Endoscopic Image
            "1.2.840.10008.5.1.4.1.1.104.1",    // Encapsulated PDF
            "1.2.840.10008.5.1.4.1.1.104.2",    // Encapsulated CDA
            "1.2.840.10008.5.1.4.1.1.104.3",    // Encapsulated STL
            "1.2.840.10008.5.1.4.1.1.104.4",    // Encapsulated OBJ
            "1.2.840.10008.5.1.4.1.1.104.5");   // Encapsulated MTL

    private BurnedInTextRisk() {
    }

    /** Why the file must not be released without pixel review, if there is a reason. */
    public static Optional<String> assess(AttributeList list) {
        if ("YES".equalsIgnoreCase(Attribute.getSingleStringValueOrEmptyString(list, TagFromName.BurnedInAnnotation).trim())) {
            return Optional.of("BurnedInAnnotation is YES");
        }
        String modality = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.Modality).trim().toUpperCase(Locale.ROOT);
        if (RISKY_MODALITIES.contains(modality)) {
            return Optional.of("modality " + modality + " often carries burned-in text");
        }
        String sopClass = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SOPClassUID).trim();
        if (sopClass.equals(SECONDARY_CAPTURE_FAMILY) || sopClass.startsWith(SECONDARY_CAPTURE_FAMILY + ".")) {
            return Optional.of("secondary capture SOP class " + sopClass);
        }
        if (RISKY_SOP_CLASSES.contains(sopClass)) {
            return Optional.of("SOP class " + sopClass + " often carries burned-in text or faces");
        }
        String[] imageType = Attribute.getStringValues(list, TagFromName.ImageType);
        if (imageType != null) {
            for (String value : imageType) {
                String v = value.trim().toUpperCase(Locale.ROOT);
                if (v.equals("SECONDARY") || v.contains("SAVE")) {
                    return Optional.of("ImageType marks a secondary or saved screen image");
                }
            }
        }
        for (int group = 0x6000; group <= 0x601E; group += 2) {
            // an overlay without its own data lives in the unused high bits of the pixels
            if (list.get(new AttributeTag(group, 0x0010)) != null && list.get(new AttributeTag(group, 0x3000)) == null) {
                return Optional.of("overlay embedded in pixel data bits");
            }
        }
        return Optional.empty();
    }
}

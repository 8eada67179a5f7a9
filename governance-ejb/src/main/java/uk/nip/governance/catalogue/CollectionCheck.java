package uk.nip.governance.catalogue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything wrong with a collection description, by field, as a pure function so every rule is
 * tested without a server. Empty when the form may be saved.
 */
public final class CollectionCheck {

    /**
     * DICOM Modality (0008,0060) defined terms for image-producing equipment and the objects an
     * imaging collection commonly holds (PS3.3 C.7.3.1.1.1).
     */
    public static final Set<String> MODALITIES = Set.of("CR", "CT", "DX", "MG", "MR", "NM", "PT", "US", "XA", "RF",
            "OT", "IO", "PX", "RG", "ES", "XC", "SM", "OP", "OPT", "OCT", "IVUS", "IVOCT", "BMD", "DG", "SEG", "SR");

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,99}");
    private static final Pattern BODY_PART = Pattern.compile("[A-Z0-9_ ]{1,64}");
    /** Paths under /api/catalogue/ that are not collections. */
    private static final Set<String> RESERVED_IDS = Set.of("duo-codes");

    private CollectionCheck() {
    }

    /** {@code adding}: the id is checked too (it cannot change later). */
    public static Map<String, String> problems(CollectionForm f, boolean adding) {
        Map<String, String> p = new LinkedHashMap<>();
        if (adding) {
            if (blank(f.id())) {
                p.put("id", "Give the collection a short permanent id such as 'chest-ct-2024'.");
            } else if (!ID.matcher(f.id().strip()).matches()) {
                p.put("id", "The id '" + f.id().strip() + "' may use only lower-case letters, digits and hyphens,"
                        + " 2 to 100 characters, starting with a letter or digit.");
            } else if (RESERVED_IDS.contains(f.id().strip())) {
                p.put("id", "The id '" + f.id().strip() + "' names a part of the catalogue's API; choose another.");
            }
        }
        if (blank(f.title())) {
            p.put("title", "Give the collection a title.");
        } else if (f.title().strip().length() > 255) {
            p.put("title", "The title is " + f.title().strip().length() + " characters; the limit is 255.");
        }
        if (f.description() != null && f.description().length() > 4000) {
            p.put("description", "The description is " + f.description().length() + " characters; the limit is 4000.");
        }
        if (blank(f.dataController())) {
            p.put("dataController", "Name the data controller: the organisation responsible for these images.");
        } else if (f.dataController().strip().length() > 255) {
            p.put("dataController", "The data controller's name is too long (the limit is 255 characters).");
        }
        List<String> unknown = codes(f.modalities()).stream().filter(m -> !MODALITIES.contains(m)).toList();
        if (!unknown.isEmpty()) {
            p.put("modalities", "Not a DICOM modality code: " + String.join(", ", unknown)
                    + ". Use codes such as CT, MR, CR, DX, MG, US, PT, NM, XA, RF or OT.");
        }
        List<String> badParts = codes(f.bodyParts()).stream().filter(b -> !BODY_PART.matcher(b).matches()).toList();
        if (!badParts.isEmpty()) {
            p.put("bodyParts", "Body parts are DICOM Body Part Examined values such as CHEST or HEAD; not: "
                    + String.join(", ", badParts) + ".");
        } else if (normalised(f.bodyParts()) != null && normalised(f.bodyParts()).length() > 255) {
            // as stored: normalised, comma-separated
            p.put("bodyParts", "The body parts come to " + normalised(f.bodyParts()).length()
                    + " characters together; the limit is 255.");
        }
        if (f.patientCount() != null && f.patientCount() < 0) {
            p.put("patientCount", "The number of patients cannot be negative.");
        }
        if (f.instanceCount() != null && f.instanceCount() < 0) {
            p.put("instanceCount", "The number of images (instances) cannot be negative.");
        }
        if (f.dateFrom() != null && f.dateTo() != null && f.dateTo().isBefore(f.dateFrom())) {
            p.put("dateTo", "The last study date (" + f.dateTo() + ") is before the first (" + f.dateFrom() + ").");
        }
        List<String> unknownDuo = f.duoCodes().stream().filter(c -> DuoCode.of(c).isEmpty()).toList();
        if (!unknownDuo.isEmpty()) {
            p.put("duoCodes", "Not a Data Use Ontology term this platform uses: " + String.join(", ", unknownDuo)
                    + ". Known: " + String.join(", ", Arrays.stream(DuoCode.values()).map(DuoCode::curie).toList())
                    + ".");
        }
        boolean timeLimited = f.duoCodes().stream().anyMatch(c -> DuoCode.of(c).orElse(null) == DuoCode.TIME_LIMIT_ON_USE);
        if (timeLimited && f.useUntil() == null) {
            p.put("useUntil", "The collection has a time limit on use (DUO:0000025): say until when it may be used.");
        } else if (!timeLimited && f.useUntil() != null) {
            p.put("useUntil", "A use-until date needs the restriction 'time limit on use' (DUO:0000025) as well.");
        }
        if (f.archiveLocation() != null && f.archiveLocation().length() > 500) {
            p.put("archiveLocation", "The archive location is too long (the limit is 500 characters).");
        }
        return p;
    }

    /** "ct, mr" and "CT,MR" are the same list. */
    static List<String> codes(String list) {
        if (list == null) {
            return List.of();
        }
        return Arrays.stream(list.split("[,;]+")).map(String::strip).filter(s -> !s.isEmpty())
                .map(c -> c.toUpperCase(Locale.ROOT)).distinct().toList();
    }

    static String normalised(String list) {
        List<String> c = codes(list);
        return c.isEmpty() ? null : String.join(",", c);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

package uk.nip.broker.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;

/**
 * What the archive index knows about one instance, taken from its header only. The patient
 * id is kept for opt-out checks and patient counts; the index lives in the restricted store.
 */
public record HeaderSummary(String patientId, String studyUid, String seriesUid, String sopUid, String modality,
        String bodyPart, LocalDate studyDate, Integer ageYears, String sex, String site) {

    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

    /** Reads up to, not into, the pixel data: indexing never pays for pixels. */
    public static HeaderSummary read(Path file) throws IOException, DicomException {
        return fromAttributes(readHeader(file));
    }

    public static AttributeList readHeader(Path file) throws IOException, DicomException {
        AttributeList list = new AttributeList();
        list.setDecompressPixelData(false);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
                DicomInputStream din = new DicomInputStream(in)) {
            list.read(din, TagFromName.PixelData);
        }
        return list;
    }

    public static HeaderSummary fromAttributes(AttributeList list) {
        LocalDate studyDate = date(text(list, TagFromName.StudyDate));
        return new HeaderSummary(text(list, TagFromName.PatientID), text(list, TagFromName.StudyInstanceUID),
                text(list, TagFromName.SeriesInstanceUID), text(list, TagFromName.SOPInstanceUID),
                upper(text(list, TagFromName.Modality)), upper(text(list, TagFromName.BodyPartExamined)), studyDate,
                age(text(list, TagFromName.PatientAge), date(text(list, TagFromName.PatientBirthDate)), studyDate),
                sex(text(list, TagFromName.PatientSex)), text(list, TagFromName.InstitutionName));
    }

    /** From a QIDO-RS result in the DICOM JSON model (PS3.18 F.2). */
    public static HeaderSummary fromDicomJson(JsonNode instance) {
        LocalDate studyDate = date(json(instance, "00080020"));
        return new HeaderSummary(json(instance, "00100020"), json(instance, "0020000D"), json(instance, "0020000E"),
                json(instance, "00080018"), upper(json(instance, "00080060")), upper(json(instance, "00180015")), studyDate,
                age(json(instance, "00101010"), date(json(instance, "00100030")), studyDate),
                sex(json(instance, "00100040")), json(instance, "00080080"));
    }

    /** The first value of an attribute in the DICOM JSON model, as text; null when absent or empty. */
    public static String json(JsonNode instance, String tag) {
        JsonNode first = instance.path(tag).path("Value").path(0);
        if (first.isMissingNode() || first.isNull()) {
            return null;
        }
        String v = first.isObject() ? first.path("Alphabetic").asText("") : first.asText("");
        return v.isBlank() ? null : v.trim();
    }

    private static String text(AttributeList list, AttributeTag tag) {
        String v = Attribute.getSingleStringValueOrEmptyString(list, tag).trim();
        return v.isEmpty() ? null : v;
    }

    private static String upper(String v) {
        return v == null ? null : v.toUpperCase(Locale.ROOT);
    }

    static LocalDate date(String v) {
        if (v == null || v.length() < 8) {
            return null;
        }
        try {
            return LocalDate.parse(v.substring(0, 8), DA);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** PatientAge (e.g. 045Y, 006M) when present, else the years between birth and study dates. */
    static Integer age(String patientAge, LocalDate birth, LocalDate studyDate) {
        if (patientAge != null && patientAge.matches("\\d{3}[DWMY]")) {
            int n = Integer.parseInt(patientAge.substring(0, 3));
            return switch (patientAge.charAt(3)) {
                case 'Y' -> n;
                case 'M' -> n / 12;
                case 'W' -> n / 52;
                default -> n / 365;
            };
        }
        if (birth != null && studyDate != null && !birth.isAfter(studyDate)) {
            return Period.between(birth, studyDate).getYears();
        }
        return null;
    }

    private static String sex(String v) {
        if (v == null) {
            return null;
        }
        String s = v.toUpperCase(Locale.ROOT);
        return s.equals("M") || s.equals("F") || s.equals("O") ? s : null;
    }
}

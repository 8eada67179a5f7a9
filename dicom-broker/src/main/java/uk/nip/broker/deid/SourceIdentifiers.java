package uk.nip.broker.deid;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;

/**
 * Everything in a source file that identifies the patient, the visit or the instance:
 * names, IDs, accession number, institution, addresses, telephone numbers, dates and
 * instance UIDs, at any depth. Used twice: to scrub retained free text, and to search the
 * raw bytes of the written output (preamble, meta and pixels included) as the last gate.
 *
 * <p>Values shorter than 4 characters (6 when all digits) are not searched for: they occur
 * by chance in any file (and all-digit ones inside the new decimal UIDs).
 */
public final class SourceIdentifiers {

    static final int MIN_LENGTH = 4;
    static final int MIN_DIGITS_LENGTH = 6;

    private static final Set<AttributeTag> IDENTIFYING = Set.of(
            TagFromName.PatientName, TagFromName.PatientID, TagFromName.IssuerOfPatientID,
            TagFromName.OtherPatientIDs, TagFromName.OtherPatientNames, new AttributeTag(0x0010, 0x1005), // Patient's Birth Name
           
            TagFromName.PatientMotherBirthName, TagFromName.PatientAddress, TagFromName.PatientTelephoneNumbers,
            TagFromName.MedicalRecordLocator, TagFromName.AccessionNumber, TagFromName.InstitutionName,
            TagFromName.InstitutionAddress, TagFromName.InstitutionalDepartmentName,
            TagFromName.ReferringPhysicianName, TagFromName.ReferringPhysicianAddress,
            TagFromName.ReferringPhysicianTelephoneNumbers, TagFromName.PerformingPhysicianName,
            TagFromName.NameOfPhysiciansReadingStudy, TagFromName.OperatorsName, TagFromName.PhysiciansOfRecord,
            TagFromName.RequestingPhysician, TagFromName.StudyID, TagFromName.RequestedProcedureID,
            new AttributeTag(0x0040, 0x0009), // Scheduled Procedure Step ID
            TagFromName.PerformedProcedureStepID, TagFromName.AdmissionID,
            TagFromName.PlacerOrderNumberImagingServiceRequest, TagFromName.FillerOrderNumberImagingServiceRequest,
            TagFromName.RegionOfResidence, TagFromName.PatientInsurancePlanCodeSequence);

    /** Value to search for, and the keyword of the attribute it came from (reported instead of the value). */
    private final Map<String, String> valueToSource = new LinkedHashMap<>();

    private SourceIdentifiers() {
    }

    public static SourceIdentifiers collectFrom(AttributeList source) throws DicomException {
        SourceIdentifiers ids = new SourceIdentifiers();
        DicomTree.forEachAttribute(source, (owner, a) -> ids.consider(a));
        return ids;
    }

    private void consider(Attribute a) {
        AttributeTag tag = a.getTag();
        if (tag.isPrivate()) {
            return;
        }
        String vr = a.getVRAsString();
        if (!vr.equals("PN") && !vr.equals("DA") && !vr.equals("DT") && !vr.equals("UI") && !IDENTIFYING.contains(tag)) {
            return;
        }
        String keyword = keyword(tag);
        for (String v : DicomTree.values(a)) {
            String value = v == null ? "" : v.trim();
            if (value.isEmpty()) {
                continue;
            }
            switch (vr) {
                case "PN" -> {
                    add(value, keyword);
                    for (String part : value.split("[\\^=]")) {
                        add(part.trim(), keyword);
                    }
                }
                case "DA" -> add(value, keyword);
                case "DT" -> {
                    if (value.length() >= 8) {
                        add(value.substring(0, 8), keyword);
                    }
                }
                case "UI" -> {
                    if (!UidPolicy.keeps(tag, value)) {
                        add(value, keyword);
                    }
                }
                default -> {
                    if (IDENTIFYING.contains(tag)) {
                        add(value, keyword);
                    }
                }
            }
        }
    }

    private void add(String value, String keyword) {
        boolean allDigits = value.chars().allMatch(Character::isDigit);
        if (value.length() >= (allDigits ? MIN_DIGITS_LENGTH : MIN_LENGTH)) {
            valueToSource.putIfAbsent(value, keyword);
        }
    }

    private static String keyword(AttributeTag tag) {
        String name = AttributeList.getDictionary().getNameFromTag(tag);
        return name != null ? name : tag.toString();
    }

    /** Removes every known identifier from a free-text value. */
    String scrub(String text) {
        String out = text;
        for (String id : valueToSource.keySet()) {
            if (out.contains(id)) {
                out = out.replace(id, "");
            }
        }
        return out;
    }

    boolean containsAny(String text) {
        for (String id : valueToSource.keySet()) {
            if (text.contains(id)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Searches a written file's raw bytes for every identifier in both encodings a writer
     * could have used. Returns the attribute keywords whose values were found, never the values.
     */
    public List<String> findIn(InputStream in) throws IOException {
        ByteSearch search = new ByteSearch();
        for (Map.Entry<String, String> e : valueToSource.entrySet()) {
            search.add(e.getKey().getBytes(StandardCharsets.UTF_8), e.getValue());
            search.add(e.getKey().getBytes(StandardCharsets.ISO_8859_1), e.getValue());
        }
        return search.scan(in);
    }

    public List<String> findIn(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return findIn(in);
        }
    }

    /**
     * Multi-pattern search; streams so large files need not fit in memory. Every pattern is at
     * least {@code w} bytes long, so any occurrence puts one of its first {@code w - 1} byte
     * pairs at a position that is a multiple of {@code w - 1}: only those positions are looked
     * up, in a 65,536-bit table (8 KiB, stays in the CPU's fastest cache) of such pairs, and
     * only on a hit are the few possible starts compared. Pixel data rarely contains the text
     * pairs identifiers are made of, so most of an image is passed over a few bytes at a time
     * with lookups that do not wait on one another.
     */
    private static final class ByteSearch {
        private static final int MAX_STRIDE = 8;
        private final long[] firstPairs = new long[1 << 10];
        private final Map<Integer, List<byte[]>> buckets = new java.util.HashMap<>();
        private final Map<byte[], String> labels = new java.util.IdentityHashMap<>();
        private final List<byte[]> patterns = new ArrayList<>();
        private int longest;

        void add(byte[] pattern, String label) {
            int key = pair(pattern, 0);
            List<byte[]> bucket = buckets.computeIfAbsent(key, k -> new ArrayList<>(2));
            for (byte[] existing : bucket) {
                if (Arrays.equals(existing, pattern)) {
                    return;
                }
            }
            bucket.add(pattern);
            patterns.add(pattern);
            firstPairs[key >>> 6] |= 1L << key;
            labels.put(pattern, label);
            longest = Math.max(longest, pattern.length);
        }

        private static int pair(byte[] b, int at) {
            return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
        }

        List<String> scan(InputStream in) throws IOException {
            List<String> found = new ArrayList<>();
            if (labels.isEmpty()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
                return found;
            }
            int stride = MAX_STRIDE;
            for (byte[] p : patterns) {
                stride = Math.min(stride, p.length - 1);
            }
            long[] samplePairs = new long[1 << 10];
            for (byte[] p : patterns) {
                for (int j = 0; j < stride; j++) {
                    int key = pair(p, j);
                    samplePairs[key >>> 6] |= 1L << key;
                }
            }
            long[] starts = firstPairs;
            byte[] buf = new byte[256 * 1024 + longest];
            int carried = 0;
            boolean eof = false;
            while (!eof) {
                int filled = carried;
                while (filled < buf.length) {
                    int n = in.read(buf, filled, buf.length - filled);
                    if (n < 0) {
                        eof = true;
                        break;
                    }
                    filled += n;
                }
                // starts at 'limit' or later may continue in the next read: they are carried over
                int limit = eof ? filled - 1 : filled - longest + 1;
                for (int e = 0; e - stride + 1 < limit && e + 1 < filled; e += stride) {
                    int key = ((buf[e] & 0xff) << 8) | (buf[e + 1] & 0xff);
                    if ((samplePairs[key >>> 6] & (1L << key)) == 0) {
                        continue;
                    }
                    for (int q = Math.max(0, e - stride + 1); q <= e && q < limit; q++) {
                        int first = ((buf[q] & 0xff) << 8) | (buf[q + 1] & 0xff);
                        if ((starts[first >>> 6] & (1L << first)) == 0) {
                            continue;
                        }
                        for (byte[] p : buckets.get(first)) {
                            if (q + p.length <= filled && regionMatches(buf, q, p)) {
                                String label = labels.get(p);
                                if (!found.contains(label)) {
                                    found.add(label);
                                }
                            }
                        }
                    }
                }
                if (!eof) {
                    carried = filled - Math.max(limit, 0);
                    System.arraycopy(buf, filled - carried, buf, 0, carried);
                }
            }
            return found;
        }

        private static boolean regionMatches(byte[] buf, int at, byte[] p) {
            for (int j = 0; j < p.length; j++) {
                if (buf[at + j] != p[j]) {
                    return false;
                }
            }
            return true;
        }
    }
}

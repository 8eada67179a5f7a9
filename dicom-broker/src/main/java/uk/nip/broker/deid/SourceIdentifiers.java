package uk.nip.broker.deid;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
    /**
     * What free text is scrubbed of, compared without case: every value above, and the ways
     * people write its dates ("1960-03-14", "14/03/1960"), lower-cased once here.
     */
    private final Set<String> textForms = new LinkedHashSet<>();

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
                    // name components (^) and representations (=), split by hand: no pattern per value
                    for (int from = 0, to; from <= value.length(); from = to + 1) {
                        to = from;
                        while (to < value.length() && value.charAt(to) != '^' && value.charAt(to) != '=') {
                            to++;
                        }
                        add(value.substring(from, to).trim(), keyword);
                    }
                }
                case "DA" -> {
                    add(value, keyword);
                    addWrittenDates(value);
                }
                case "DT" -> {
                    if (value.length() >= 8) {
                        add(value.substring(0, 8), keyword);
                        addWrittenDates(value.substring(0, 8));
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
            textForms.add(value.toLowerCase(Locale.ROOT));
        }
    }

    /** A DICOM date as free text writes it; the raw bytes are searched for the DICOM form only. */
    private void addWrittenDates(String yyyymmdd) {
        if (yyyymmdd.length() != 8 || !yyyymmdd.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return;
        }
        String y = yyyymmdd.substring(0, 4);
        String m = yyyymmdd.substring(4, 6);
        String d = yyyymmdd.substring(6, 8);
        textForms.addAll(List.of(y + "-" + m + "-" + d, y + "/" + m + "/" + d, d + "/" + m + "/" + y,
                d + "." + m + "." + y, d + "-" + m + "-" + y));
    }

    private static String keyword(AttributeTag tag) {
        String name = AttributeList.getDictionary().getNameFromTag(tag);
        return name != null ? name : tag.toString();
    }

    /** Removes every known identifier from a free-text value, whatever its case ("Smith" for SMITH). */
    String scrub(String text) {
        String out = text;
        for (String id : textForms) {
            out = removeIgnoringCase(out, id);
        }
        return out;
    }

    boolean containsAny(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String id : textForms) {
            if (lower.contains(id)) {
                return true;
            }
        }
        return false;
    }

    private static String removeIgnoringCase(String text, String id) {
        StringBuilder out = null;
        int from = 0;
        for (int i = 0; i <= text.length() - id.length(); i++) {
            if (text.regionMatches(true, i, id, 0, id.length())) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, from, i);
                from = i + id.length();
                i = from - 1;
            }
        }
        if (out == null) {
            return text;
        }
        return out.append(text, from, text.length()).toString();
    }

    /**
     * Searches a written file's raw bytes for every identifier in both encodings a writer
     * could have used. Returns the attribute keywords whose values were found, never the values.
     */
    public List<String> findIn(InputStream in) throws IOException {
        Search search = newSearch();
        byte[] buf = new byte[256 * 1024 + search.carryRoom()];
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
            carried = search.scan(buf, filled, eof);
        }
        return search.found();
    }

    public List<String> findIn(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return findIn(in);
        }
    }

    /**
     * A search for this source's identifiers that is fed the output a buffer at a time, so
     * the bytes can be hashed, written and searched in one pass. Finds exactly what
     * {@link #findIn(InputStream)} finds.
     */
    public Search newSearch() {
        ByteSearch search = new ByteSearch();
        for (Map.Entry<String, String> e : valueToSource.entrySet()) {
            search.add(e.getKey().getBytes(StandardCharsets.UTF_8), e.getValue());
            search.add(e.getKey().getBytes(StandardCharsets.ISO_8859_1), e.getValue());
        }
        search.prepare();
        return search;
    }

    /** See {@link #newSearch()}. */
    public interface Search {
        /** How many bytes {@link #scan} may carry over to the front of the next buffer. */
        int carryRoom();

        /**
         * Searches {@code buf[0, filled)}. Unless {@code last}, a tail that may hold the start
         * of an identifier continuing in the next buffer is left unsearched: it is moved to the
         * front of {@code buf}, and its length returned, so the caller appends after it.
         */
        int scan(byte[] buf, int filled, boolean last);

        /** Searches the whole of {@code buf[from, to)} at once. */
        void scanAll(byte[] buf, int from, int to);

        /** Keywords of the attributes whose values were found so far, in order of discovery. */
        List<String> found();
    }

    /**
     * Multi-pattern search over a stream of buffers; large files need not fit in memory.
     *
     * <p>Two exact filters before any comparison. First, eight bytes at a time: every byte of
     * every pattern lies between the smallest and the largest pattern byte, and every pattern
     * is at least 3 bytes long, so any occurrence holds a 2-byte-aligned pair of such bytes,
     * inside one 8-byte-aligned word. Words without such a pair are passed over with a few
     * arithmetic operations (in 12- to 16-bit images every other byte is a small high byte,
     * below any text character, so nearly all of the pixel data is). Second, in the few words
     * left: every pattern is at least {@code w} bytes long, so any occurrence puts one of its
     * first {@code w - 1} byte pairs at a position that is a multiple of {@code w - 1}; only
     * those positions are looked up, in a 65,536-bit table of such pairs, and only on a hit
     * are the few possible starts compared.
     */
    private static final class ByteSearch implements Search {
        private static final int MAX_STRIDE = 8;
        private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        private static final long ONES = 0x0101010101010101L;
        private static final long HIGH = 0x8080808080808080L;
        private static final long ODD_HIGH = 0x8000800080008000L;
        private final long[] firstPairs = new long[1 << 10];
        private final long[] samplePairs = new long[1 << 10];
        private final Map<Integer, List<byte[]>> buckets = new java.util.HashMap<>();
        private final Map<byte[], String> labels = new java.util.IdentityHashMap<>();
        private final List<byte[]> patterns = new ArrayList<>();
        private final List<String> found = new ArrayList<>();
        private int longest;
        private int stride = MAX_STRIDE;
        private int lowest = 0xff;
        private int highest;
        private boolean wordFilter;
        /** Every pattern byte is 7-bit: the filter then needs no case for bytes of 0x80 and above. */
        private boolean sevenBit;
        private long sevenBitLow;
        private long sevenBitHigh;

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

        void prepare() {
            int shortest = Integer.MAX_VALUE;
            for (byte[] p : patterns) {
                stride = Math.min(stride, p.length - 1);
                shortest = Math.min(shortest, p.length);
                for (byte b : p) {
                    lowest = Math.min(lowest, b & 0xff);
                    highest = Math.max(highest, b & 0xff);
                }
            }
            for (byte[] p : patterns) {
                for (int j = 0; j < stride; j++) {
                    int key = pair(p, j);
                    samplePairs[key >>> 6] |= 1L << key;
                }
            }
            // an aligned pair inside every occurrence needs 3 bytes; a range of all bytes filters nothing
            wordFilter = !patterns.isEmpty() && shortest >= 3 && (lowest > 0 || highest < 0xff);
            sevenBit = wordFilter && lowest > 0 && highest < 0x80;
            sevenBitLow = lowest * ONES;
            sevenBitHigh = (highest + 1) * ONES;
        }

        private static int pair(byte[] b, int at) {
            return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
        }

        @Override
        public int carryRoom() {
            return Math.max(longest, 1);
        }

        @Override
        public List<String> found() {
            return found;
        }

        /*
         * Byte-wise "x >= c" on eight bytes at once, exact and without borrows between bytes:
         * for c <= 0x80, ((x | 0x80..) - c) keeps a byte's high bit when its low 7 bits reach c,
         * and any byte with its own high bit set is above c anyway; for c > 0x80 the byte needs
         * its high bit and low 7 bits reaching c - 0x80.
         */
        @Override
        public int scan(byte[] buf, int filled, boolean last) {
            search(buf, 0, filled, last);
            if (last || patterns.isEmpty()) {
                return 0;
            }
            int limit = filled - longest + 1;
            int carried = filled - Math.max(limit, 0);
            System.arraycopy(buf, filled - carried, buf, 0, carried);
            return carried;
        }

        @Override
        public void scanAll(byte[] buf, int from, int to) {
            search(buf, from, to, true);
        }

        private void search(byte[] buf, int from, int filled, boolean last) {
            if (patterns.isEmpty()) {
                return;
            }
            // starts at 'limit' or later may continue in the next buffer: they are carried over
            int limit = last ? filled - 1 : filled - longest + 1;
            if (!wordFilter) {
                checkStarts(buf, from, limit - 1, filled);
            } else {
                int checked = from;
                int o = from;
                // locals, so the loop keeps them in registers
                boolean anyLow = lowest == 0;
                boolean lowUnsigned = lowest > 0x80;
                long lowSubtract = (lowUnsigned ? lowest - 0x80 : lowest) * ONES;
                boolean anyHigh = highest == 0xff;
                boolean highUnsigned = highest + 1 > 0x80;
                long highSubtract = (highUnsigned ? highest + 1 - 0x80 : highest + 1) * ONES;
                int reach = longest - 2;
                for (; o + 8 <= filled && o - reach < limit; o += 8) {
                    if (sevenBit) {
                        // 32 bytes at a time while none of their aligned pairs could start a match
                        while (o + 32 <= filled && o + 24 - reach < limit && (sevenBitPairs((long) LONG.get(buf, o))
                                | sevenBitPairs((long) LONG.get(buf, o + 8)) | sevenBitPairs((long) LONG.get(buf, o + 16))
                                | sevenBitPairs((long) LONG.get(buf, o + 24))) == 0) {
                            o += 32;
                        }
                        if (o + 8 > filled || o - reach >= limit) {
                            break;
                        }
                    }
                    long x = (long) LONG.get(buf, o);
                    long up = x | HIGH;
                    long in = anyLow ? HIGH : lowUnsigned ? (up - lowSubtract) & x & HIGH : ((up - lowSubtract) | x) & HIGH;
                    if (!anyHigh) {
                        in &= ~(highUnsigned ? (up - highSubtract) & x & HIGH : ((up - highSubtract) | x) & HIGH);
                    }
                    if ((in & (in << 8) & ODD_HIGH) == 0) {
                        continue;
                    }
                    int lo = Math.max(checked, o - reach);
                    int hi = Math.min(o + 6, limit - 1);
                    if (lo <= hi) {
                        checkStarts(buf, lo, hi, filled);
                        checked = hi + 1;
                    }
                }
                // the last few bytes, too few for a word, are treated as a word that passed
                if (o < filled) {
                    checkStarts(buf, Math.max(checked, o + 2 - longest), Math.min(o + 6, limit - 1), filled);
                }
            }
        }

        /**
         * Pairs of bytes at even offsets both within [lowest, highest], for 7-bit patterns:
         * a byte of 0x80 or more is never within, and below it the subtractions cannot borrow.
         */
        private long sevenBitPairs(long x) {
            long up = x | HIGH;
            long in = (up - sevenBitLow) & ~(up - sevenBitHigh) & ~x & HIGH;
            return in & (in << 8) & ODD_HIGH;
        }

        /** Finds every pattern starting in {@code [lo, hi]}; each start is examined by one call only. */
        private void checkStarts(byte[] buf, int lo, int hi, int filled) {
            if (lo < 0) {
                lo = 0;
            }
            if (lo > hi) {
                return;
            }
            long[] starts = firstPairs;
            for (int e = (lo + stride - 1) / stride * stride; e <= hi + stride - 1 && e + 1 < filled; e += stride) {
                int key = ((buf[e] & 0xff) << 8) | (buf[e + 1] & 0xff);
                if ((samplePairs[key >>> 6] & (1L << key)) == 0) {
                    continue;
                }
                for (int q = Math.max(lo, e - stride + 1); q <= e && q <= hi; q++) {
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

package uk.nip.broker.deid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.CodeStringAttribute;
import com.pixelmed.dicom.DateAttribute;
import com.pixelmed.dicom.LongStringAttribute;
import com.pixelmed.dicom.PersonNameAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.ShortStringAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.UniqueIdentifierAttribute;

import uk.nip.broker.TestSupport;

class SourceIdentifiersTest {

    private static AttributeList source() throws Exception {
        AttributeList list = new AttributeList();
        PersonNameAttribute name = new PersonNameAttribute(TagFromName.PatientName);
        name.addValue("SMITHERSON^JOHANNA");
        list.put(name);
        LongStringAttribute id = new LongStringAttribute(TagFromName.PatientID);
        id.addValue("MRN12345");
        list.put(id);
        DateAttribute date = new DateAttribute(TagFromName.StudyDate);
        date.addValue("20210304");
        list.put(date);
        UniqueIdentifierAttribute sopClass = new UniqueIdentifierAttribute(TagFromName.SOPClassUID);
        sopClass.addValue("1.2.840.10008.5.1.4.1.1.2");
        list.put(sopClass);
        CodeStringAttribute modality = new CodeStringAttribute(TagFromName.Modality);
        modality.addValue("CT");
        list.put(modality);
        SequenceAttribute request = new SequenceAttribute(TagFromName.RequestAttributesSequence);
        AttributeList item = new AttributeList();
        ShortStringAttribute rpid = new ShortStringAttribute(TagFromName.RequestedProcedureID);
        rpid.addValue("RPID-778899");
        item.put(rpid);
        UniqueIdentifierAttribute study = new UniqueIdentifierAttribute(TagFromName.StudyInstanceUID);
        study.addValue("1.2.826.0.1.3680043.9.1234.5");
        item.put(study);
        request.addItem(item);
        list.put(request);
        return list;
    }

    @Test
    void findsNamesIdsDatesAndInstanceUidsButNotClassUidsOrCodes() throws Exception {
        SourceIdentifiers ids = SourceIdentifiers.collectFrom(source());
        String haystack = "xx SMITHERSON yy MRN12345 20210304 RPID-778899 1.2.826.0.1.3680043.9.1234.5";
        List<String> found = ids.findIn(new ByteArrayInputStream(haystack.getBytes(StandardCharsets.US_ASCII)));
        assertTrue(found.containsAll(List.of("PatientName", "PatientID", "StudyDate", "RequestedProcedureID", "StudyInstanceUID")), found.toString());
        String harmless = "1.2.840.10008.5.1.4.1.1.2 CT";
        assertEquals(List.of(), ids.findIn(new ByteArrayInputStream(harmless.getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void findsAnIdentifierThatStraddlesTheScanBufferBoundary() throws Exception {
        SourceIdentifiers ids = SourceIdentifiers.collectFrom(source());
        byte[] big = new byte[(1 << 20) + 4096];
        Arrays.fill(big, (byte) 0x20);
        byte[] needle = "MRN12345".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(needle, 0, big, (1 << 20) - 3, needle.length);
        assertEquals(List.of("PatientID"), ids.findIn(new ByteArrayInputStream(big)));
    }

    @Test
    void scrubsIdentifiersOutOfFreeText() throws Exception {
        SourceIdentifiers ids = SourceIdentifiers.collectFrom(source());
        assertEquals("CT chest for  on ", ids.scrub("CT chest for SMITHERSON on 20210304"));
    }

    /** People do not type identifiers as DICOM stores them: other case, dates with separators. */
    @Test
    void scrubsIdentifiersWrittenInAnotherCaseOrDateForm() throws Exception {
        SourceIdentifiers ids = SourceIdentifiers.collectFrom(source());
        for (String typed : List.of("pt smitherson", "Mrn12345 seen", "scan of 2021-03-04", "dob 04/03/2021",
                "on 04.03.2021")) {
            assertTrue(ids.containsAny(typed), typed);
        }
        assertEquals("pt  seen ", ids.scrub("pt Smitherson seen 2021-03-04"));
        assertEquals("CT chest", ids.scrub("CT chest"));
        assertTrue(!ids.containsAny("CT chest 2021"), "a year alone is not a date of this patient");
    }

    /**
     * The search looks only at sampled positions and carries bytes between 256 KiB reads;
     * every planted value must still be found wherever it lands, on pixel-like noise.
     */
    @Test
    void findsEveryValueAtEveryOffsetInLargeBinaryData() throws Exception {
        SourceIdentifiers ids = SourceIdentifiers.collectFrom(source());
        java.util.Random random = new java.util.Random(3);
        byte[] noise = new byte[700_000];
        for (int i = 0; i < noise.length; i += 2) {
            // 12-bit CT values, little endian: the high byte never looks like text
            int v = random.nextInt(4096);
            noise[i] = (byte) v;
            noise[i + 1] = (byte) (v >> 8);
        }
        assertEquals(List.of(), ids.findIn(new ByteArrayInputStream(noise)));
        String[][] planted = {{"SMITHERSON", "PatientName"}, {"MRN12345", "PatientID"}, {"20210304", "StudyDate"},
            {"RPID-778899", "RequestedProcedureID"}, {"1.2.826.0.1.3680043.9.1234.5", "StudyInstanceUID"}};
        int chunk = 256 * 1024;
        int[] offsets = {0, 1, 2, 3, 4, 5, 6, 7, chunk - 30, chunk - 12, chunk - 11, chunk - 10, chunk - 9, chunk - 8,
            chunk - 5, chunk - 1, chunk, chunk + 1, 2 * chunk - 17, 2 * chunk - 3, noise.length - 40, noise.length - 12};
        for (String[] p : planted) {
            byte[] value = p[0].getBytes(StandardCharsets.US_ASCII);
            for (int offset : offsets) {
                if (offset + value.length > noise.length) {
                    continue;
                }
                byte[] data = noise.clone();
                System.arraycopy(value, 0, data, offset, value.length);
                assertEquals(List.of(p[1]), ids.findIn(new ByteArrayInputStream(data)), p[0] + " at " + offset);
            }
            // and at the very end
            byte[] data = Arrays.copyOf(noise, noise.length + value.length);
            System.arraycopy(value, 0, data, noise.length, value.length);
            assertEquals(List.of(p[1]), ids.findIn(new ByteArrayInputStream(data)), p[0] + " at the end");
        }
    }

    /**
     * The word filter passes over 8 bytes at a time on the range of bytes identifiers are
     * made of; planted values must be found on every kind of background (pixel-like, random
     * bytes, text, high bytes), in either encoding, whatever sizes the buffers are fed in.
     */
    @Test
    void findsPlantedValuesOnAnyBackgroundFedInAnyBufferSizes() throws Exception {
        AttributeList list = source();
        PersonNameAttribute other = new PersonNameAttribute(TagFromName.OtherPatientNames);
        other.addValue("MÜLLER^ZOËLLE");
        list.put(other);
        SourceIdentifiers ids = SourceIdentifiers.collectFrom(list);
        String[][] values = {{"SMITHERSON", "PatientName"}, {"JOHANNA", "PatientName"}, {"MRN12345", "PatientID"},
            {"20210304", "StudyDate"}, {"RPID-778899", "RequestedProcedureID"},
            {"1.2.826.0.1.3680043.9.1234.5", "StudyInstanceUID"}, {"MÜLLER", "OtherPatientNames"},
            {"ZOËLLE", "OtherPatientNames"}};
        java.util.Random random = new java.util.Random(11);
        for (int trial = 0; trial < 400; trial++) {
            byte[] data = new byte[1 + random.nextInt(trial % 10 == 0 ? 3_000_000 : 40_000)];
            int background = trial % 4;
            for (int i = 0; i < data.length; i++) {
                data[i] = switch (background) {
                    case 0 -> (byte) (i % 2 == 0 ? random.nextInt(256) : random.nextInt(16));
                    case 1 -> (byte) random.nextInt(256);
                    case 2 -> (byte) (0x20 + random.nextInt(0x5f));
                    default -> (byte) (0xc0 + random.nextInt(0x40));
                };
            }
            java.util.Set<String> expected = new java.util.TreeSet<>();
            int planted = random.nextInt(4);
            for (int k = 0; k < planted; k++) {
                String[] v = values[random.nextInt(values.length)];
                byte[] bytes = v[0].getBytes(random.nextBoolean() ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
                if (bytes.length > data.length) {
                    continue;
                }
                System.arraycopy(bytes, 0, data, random.nextInt(data.length - bytes.length + 1), bytes.length);
            }
            for (String[] v : values) {
                for (java.nio.charset.Charset cs : List.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1)) {
                    if (contains(data, v[0].getBytes(cs))) {
                        expected.add(v[1]);
                    }
                }
            }
            assertEquals(expected, new java.util.TreeSet<>(ids.findIn(new ByteArrayInputStream(data))), "trial " + trial);
            SourceIdentifiers.Search search = ids.newSearch();
            byte[] buf = new byte[search.carryRoom() + 1 + random.nextInt(70_000)];
            int carried = 0;
            int at = 0;
            while (at < data.length) {
                int n = Math.min(data.length - at, 1 + random.nextInt(buf.length - carried));
                System.arraycopy(data, at, buf, carried, n);
                at += n;
                carried = search.scan(buf, carried + n, at == data.length);
            }
            assertEquals(expected, new java.util.TreeSet<>(search.found()), "trial " + trial + " in pieces");
        }
    }

    /**
     * Identifiers of 7-bit text take a faster filter, 32 bytes at a time, and a whole output
     * is searched from where it starts in a larger buffer: planted values are found at every
     * offset from that start, and nothing before the start or after the end counts.
     */
    @Test
    void findsSevenBitValuesInAWholeOutputWhereverItStartsInTheBuffer() throws Exception {
        SourceIdentifiers ids = SourceIdentifiers.collectFrom(source());
        java.util.Random random = new java.util.Random(5);
        String[][] values = {{"SMITHERSON", "PatientName"}, {"MRN12345", "PatientID"}, {"20210304", "StudyDate"},
            {"1.2.826.0.1.3680043.9.1234.5", "StudyInstanceUID"}};
        for (int trial = 0; trial < 300; trial++) {
            int from = random.nextInt(100);
            int length = 1 + random.nextInt(trial % 10 == 0 ? 600_000 : 5_000);
            byte[] buf = new byte[from + length + random.nextInt(50)];
            for (int i = 0; i < buf.length; i++) {
                buf[i] = (byte) (trial % 3 == 0 ? random.nextInt(256) : (i - from) % 2 == 0 ? random.nextInt(256) : random.nextInt(16));
            }
            String[] v = values[random.nextInt(values.length)];
            byte[] bytes = v[0].getBytes(StandardCharsets.US_ASCII);
            // planted inside, straddling the start, or straddling the end
            int where = switch (trial % 3) {
                case 0 -> from + random.nextInt(Math.max(1, length - bytes.length + 1));
                case 1 -> from - 1 - random.nextInt(bytes.length - 1);
                default -> from + length - bytes.length + 1 + random.nextInt(bytes.length - 1);
            };
            if (where < 0 || where + bytes.length > buf.length) {
                continue;
            }
            System.arraycopy(bytes, 0, buf, where, bytes.length);
            java.util.Set<String> expected = new java.util.TreeSet<>();
            for (String[] w : values) {
                if (contains(Arrays.copyOfRange(buf, from, from + length), w[0].getBytes(StandardCharsets.US_ASCII))) {
                    expected.add(w[1]);
                }
            }
            SourceIdentifiers.Search search = ids.newSearch();
            search.scanAll(buf, from, from + length);
            assertEquals(expected, new java.util.TreeSet<>(search.found()), "trial " + trial);
        }
    }

    private static boolean contains(byte[] data, byte[] value) {
        return TestSupport.indexOf(data, value) >= 0;
    }
}

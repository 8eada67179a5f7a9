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
}

package uk.nip.broker.provision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;

import uk.nip.broker.TestSupport;
import uk.nip.broker.deid.DeidentificationProfile;

/**
 * Pixel Data is copied, not re-encoded: native and encapsulated pixels in every little-endian
 * syntax, and the files read whole instead (big endian, elements after the pixels), all keep
 * the source's pixel bytes exactly.
 */
class PixelDataTest {

    @TempDir
    Path tmp;

    /** Where the top-level Pixel Data element starts, as PixelMed's header read finds it. */
    private static long pixelDataOffset(Path file) throws Exception {
        AttributeList list = new AttributeList();
        try (DicomInputStream din = new DicomInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            return list.read(din, TagFromName.PixelData) - 4;
        }
    }

    private static byte[] pixelElement(Path file, int bytesAfterIt) throws Exception {
        byte[] all = Files.readAllBytes(file);
        return Arrays.copyOfRange(all, (int) pixelDataOffset(file), all.length - bytesAfterIt);
    }

    @Test
    void everyTransferSyntaxKeepsTheSourcePixelBytesExactly() throws Exception {
        Path in = tmp.resolve("in");
        // Pixel Data last: copied byte for byte without being parsed
        new uk.nip.broker.demo.DemoDatasetGenerator(9).generate(in.resolve("demo"), 1, 1, 1);
        Path demo = in.resolve("demo/patient-01/study-01/image-001.dcm");
        String[] samples = {"MR_small_implicit.dcm", "MR_small_RLE.dcm", "MR_small_bigendian.dcm", "CT_small.dcm"};
        for (int i = 0; i < samples.length; i++) {
            // the MR samples are one image in three encodings, marked DERIVED\\SECONDARY (a burned-in text risk)
            TestSupport.dcmodify(TestSupport.pydicomSample(samples[i], in), "(0008,0008)=ORIGINAL\\PRIMARY\\AXIAL",
                    "(0008,0018)=1.2.826.0.1.3680043.9.7777." + i);
        }
        // Data Set Trailing Padding after the pixels: the file is read whole and the padding dropped
        Path padded = in.resolve("demo-padded.dcm");
        new uk.nip.broker.demo.DemoDatasetGenerator(10).generate(tmp.resolve("second"), 1, 1, 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(Files.readAllBytes(tmp.resolve("second/patient-01/study-01/image-001.dcm")));
        bytes.write(ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 0xFFFC).putShort((short) 0xFFFC)
                .put((byte) 'O').put((byte) 'B').putShort((short) 0).putInt(64).array());
        bytes.write(new byte[64]);
        Files.write(padded, bytes.toByteArray());

        InputIntake intake = new InputIntake(1L << 30);
        for (Path byReference : new Path[] {demo, in.resolve("MR_small_implicit.dcm"), in.resolve("MR_small_RLE.dcm"),
            in.resolve("CT_small.dcm")}) {
            assertTrue(intake.inspect(byReference).pixelsByReference(), "pixels copied, not parsed: " + byReference);
        }
        for (Path whole : new Path[] {in.resolve("MR_small_bigendian.dcm"), padded}) {
            InputIntake.Result read = intake.inspect(whole);
            assertTrue(read.isAccepted() && !read.pixelsByReference(), "read whole: " + whole);
        }

        RunReport report = TestSupport.deidentify("PRJ-PX", in, tmp.resolve("out"), tmp.resolve("store"),
                DeidentificationProfile.tciaDefault());
        assertEquals(6, report.written(), report.summary().toString());
        Map<String, Path> released = report.outcomes().stream().collect(Collectors.toMap(FileOutcome::inputPath,
                o -> report.outputFolder().resolve(o.outputPath())));

        // Pixel Data is the last element of these sources and of every released file
        assertArrayEquals(pixelElement(demo, 0), pixelElement(released.get("demo/patient-01/study-01/image-001.dcm"), 0));
        for (String name : samples) {
            assertArrayEquals(pixelElement(in.resolve(name), 0), pixelElement(released.get(name), 0), name);
        }
        Path paddedOut = released.get("demo-padded.dcm");
        assertArrayEquals(pixelElement(padded, 76), pixelElement(paddedOut, 0));
        for (Path out : released.values()) {
            assertTrue(TestSupport.read(out).get(new AttributeTag(0xFFFC, 0xFFFC)) == null, "no trailing padding released: " + out);
        }
        assertFalse(TestSupport.rawBytesContain(released.get("MR_small_RLE.dcm"), "1.2.826.0.1.3680043.9.7777.1"));
    }
}

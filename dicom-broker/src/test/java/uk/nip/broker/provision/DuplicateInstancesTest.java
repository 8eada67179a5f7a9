package uk.nip.broker.provision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.nip.broker.TestSupport;
import uk.nip.broker.deid.DeidentificationProfile;

/**
 * Two different files with the same SOP Instance UID have one place in the output. The one
 * whose name sorts first is released, whichever a thread reaches first, so every run of a
 * project releases the same bytes.
 */
class DuplicateInstancesTest {

    private static final byte[] FIRST_PIXELS = {(byte) 0xaf, 0, (byte) 0xb4, 0, (byte) 0xa6, 0, (byte) 0x8f, 0};

    @TempDir
    Path tmp;

    @Test
    void theInputNamedFirstIsReleasedInEveryRun() throws Exception {
        Path in = tmp.resolve("in");
        for (int i = 0; i < 16; i++) {
            Path a = TestSupport.pydicomSample("CT_small.dcm", in.resolve("tmp"));
            TestSupport.dcmodify(a, "(0008,0018)=1.2.826.0.1.3680043.2.1125.77." + i);
            Path first = in.resolve(String.format("pair-%02d-a.dcm", i));
            Files.move(a, first);
            Files.write(in.resolve(String.format("pair-%02d-b.dcm", i)), withOnePixelChanged(first));
        }
        Files.delete(in.resolve("tmp"));
        Path store = tmp.resolve("store");

        Map<String, String> reference = null;
        for (int run = 0; run < 3; run++) {
            Path out = tmp.resolve("out-" + run);
            RunReport report = TestSupport.deidentify("PRJ-DUP", in, out, store, DeidentificationProfile.tciaDefault());
            assertEquals(16, report.written(), report.summary().toString());
            for (FileOutcome o : report.outcomes()) {
                if (o.isWritten()) {
                    assertTrue(o.inputPath().endsWith("-a.dcm"), "released " + o.inputPath() + " in run " + run);
                } else {
                    assertEquals(QuarantineReason.DUPLICATE_INSTANCE, o.reason());
                    assertEquals("same SOP Instance UID as " + o.inputPath().replace("-b.dcm", "-a.dcm"), o.detail());
                }
            }
            Map<String, String> released = releasedHashes(report);
            if (reference == null) {
                reference = released;
            } else {
                assertEquals(reference, released, "run " + run + " released other bytes");
            }
        }
    }

    /** A resumed run meets an input named first after the other one was released: it takes its place. */
    @Test
    void anInputNamedFirstReplacesOneReleasedBefore() throws Exception {
        Path in = tmp.resolve("in");
        Path a = TestSupport.pydicomSample("CT_small.dcm", tmp.resolve("staged"));
        Path b = in.resolve("b-later.dcm");
        Files.createDirectories(in);
        Files.write(b, withOnePixelChanged(a));
        Path out = tmp.resolve("out");
        Path store = tmp.resolve("store");

        RunReport first = TestSupport.deidentify("PRJ-DUP", in, out, store, DeidentificationProfile.tciaDefault());
        assertEquals(1, first.written());
        byte[] bReleased = Files.readAllBytes(onlyReleased(out));

        Files.copy(a, in.resolve("a-first.dcm"));
        RunReport second = TestSupport.deidentify("PRJ-DUP", in, out, store, DeidentificationProfile.tciaDefault());
        assertEquals(1, second.written(), second.summary().toString());
        assertEquals(1, second.quarantined());
        FileOutcome displaced = second.outcomes().stream().filter(o -> !o.isWritten()).findFirst().orElseThrow();
        assertEquals("b-later.dcm", displaced.inputPath());
        assertEquals(QuarantineReason.DUPLICATE_INSTANCE, displaced.reason());
        assertEquals("same SOP Instance UID as a-first.dcm", displaced.detail());
        // the file in the output is the one the manifest lists, and it is a-first's
        Path released = onlyReleased(out);
        assertFalse(java.util.Arrays.equals(bReleased, Files.readAllBytes(released)));
        JsonNode manifest = new ObjectMapper().readTree(second.manifest().toFile());
        assertEquals(1, manifest.path("files").size());
        assertEquals(ProvisioningManifest.sha256(Files.readAllBytes(released)),
                manifest.path("files").get(0).path("sha256").asText());
        // the displaced original is kept for the custodian, with its reason
        Path kept = second.quarantineFolder().resolve("b-later.dcm");
        assertArrayEquals(Files.readAllBytes(b), Files.readAllBytes(kept));
        assertTrue(Files.readString(second.quarantineFolder().resolve("b-later.dcm.reason.json")).contains("duplicate-instance"));

        // and a run from scratch for the same project ends the same way
        RunReport fresh = TestSupport.deidentify("PRJ-DUP", in, tmp.resolve("fresh"), store,
                DeidentificationProfile.tciaDefault());
        assertArrayEquals(Files.readAllBytes(released), Files.readAllBytes(onlyReleased(tmp.resolve("fresh"))));
        assertEquals("b-later.dcm", fresh.outcomes().stream().filter(o -> !o.isWritten()).findFirst().orElseThrow().inputPath());
    }

    private static byte[] withOnePixelChanged(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int at = TestSupport.indexOf(bytes, FIRST_PIXELS);
        assertTrue(at > 0, "CT_small.dcm's first pixels not found");
        bytes[at] ^= 1;
        return bytes;
    }

    private static Path onlyReleased(Path out) throws IOException {
        var files = TestSupport.dicomFiles(out);
        assertEquals(1, files.size(), files.toString());
        return files.get(0);
    }

    private static Map<String, String> releasedHashes(RunReport report) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        for (Path p : TestSupport.dicomFiles(report.outputFolder())) {
            hashes.put(report.outputFolder().relativize(p).toString(), ProvisioningManifest.sha256(Files.readAllBytes(p)));
        }
        return hashes;
    }
}

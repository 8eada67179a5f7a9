package uk.nip.broker.provision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.TagFromName;

import uk.nip.broker.TestSupport;
import uk.nip.broker.deid.DeidentificationProfile;
import uk.nip.broker.demo.DemoDatasetGenerator;

/**
 * The real command in its own JVM, killed with SIGKILL half-way through a few hundred files,
 * then started again: the result must be exactly what an uninterrupted run gives.
 */
class InterruptedRunTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** The broker's main class with the test class path (the jar is only built after the tests). */
    private Process startDeidentify(Path in, Path out, Path store, Path log) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                + File.pathSeparator + "/usr/share/java/pixelmed.jar";
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Djava.awt.headless=true", "-cp", classPath, "uk.nip.broker.cli.BrokerCommandLine",
                "deidentify", "--project", "PRJ-R", "--in", in.toString(), "--out", out.toString(), "--threads", "2");
        pb.environment().put("BROKER_STORE_DIR", store.toString());
        return pb.redirectErrorStream(false).redirectOutput(log.toFile()).redirectError(log.resolveSibling(log.getFileName() + ".err").toFile()).start();
    }

    private static long count(Path folder, String suffix) throws IOException {
        if (!Files.exists(folder)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
        }
    }

    private static Set<String> filesUnder(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /**
     * Run again after an input changed: a duplicate is decided again, and a file released before
     * for an input that now has other UIDs goes, so the folder holds exactly what the manifest lists.
     */
    @Test
    void aRunAgainAfterAnInputChangedReleasesExactlyWhatTheManifestLists() throws Exception {
        Path in = tmp.resolve("changed-in");
        Path a = TestSupport.pydicomSample("CT_small.dcm", in);
        Path b = in.resolve("copy-of-ct.dcm");
        Files.copy(a, b);
        Path out = tmp.resolve("changed-out");
        Path store = tmp.resolve("changed-store");
        RunReport first = TestSupport.deidentify("PRJ-C", in, out, store, DeidentificationProfile.tciaDefault());
        assertEquals(1, first.written());
        assertEquals("duplicate-instance", first.outcomes().stream().filter(o -> !o.isWritten()).findFirst()
                .orElseThrow().reason().code());

        TestSupport.dcmodify(a, "(0008,0018)=1.2.826.0.1.3680043.2.1125.4242");
        Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        RunReport second = TestSupport.deidentify("PRJ-C", in, out, store, DeidentificationProfile.tciaDefault());
        assertEquals(2, second.written(), second.summary().toString());
        assertEquals(0, second.quarantined());
        List<Path> released = TestSupport.dicomFiles(out);
        assertEquals(2, released.size(), released.toString());
        JsonNode manifest = new ObjectMapper().readTree(second.manifest().toFile());
        assertEquals(2, manifest.path("files").size());
    }

    @Test
    void aRunKilledMidWayAndStartedAgainEndsExactlyAsAnUninterruptedRun() throws Exception {
        Path in = tmp.resolve("in");
        new DemoDatasetGenerator(77).generate(in, 30, 2, 5);
        Files.writeString(in.resolve("referral-letter.txt"), "not an image");
        Files.write(in.resolve("empty.dcm"), new byte[0]);
        Files.write(in.resolve("patient-07/cut.dcm"), java.util.Arrays.copyOf(
                Files.readAllBytes(in.resolve("patient-07/study-01/image-001.dcm")), 3000));
        int inputs = 303;

        // the reference: one uninterrupted run
        Path referenceStore = tmp.resolve("store-reference");
        RunReport reference = TestSupport.deidentify("PRJ-R", in, tmp.resolve("reference"), referenceStore,
                DeidentificationProfile.tciaDefault());
        assertEquals(inputs, reference.received());
        assertEquals(300, reference.written());

        // the same project key, a separate store, so quarantine and journal are this run's alone
        Path store = tmp.resolve("store");
        Files.createDirectories(store.resolve("projects/PRJ-R"));
        Files.copy(referenceStore.resolve("projects/PRJ-R/project.key"), store.resolve("projects/PRJ-R/project.key"));
        Path out = tmp.resolve("released");

        Process first = startDeidentify(in, out, store, tmp.resolve("first.log"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count(out, ".dcm") < 40 && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(first.isAlive(), "the first run must still be working when it is killed");
        // the command does its work in a second JVM; killing the one started must stop that too
        List<ProcessHandle> workJvms = first.descendants().toList();
        assertEquals(1, workJvms.size(), "the command runs its work in a second JVM");
        first.destroyForcibly();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        for (ProcessHandle work : workJvms) {
            work.onExit().get(30, TimeUnit.SECONDS);
        }
        long writtenBeforeKill = count(out, ".dcm");
        assertTrue(writtenBeforeKill >= 40 && writtenBeforeKill < 300, "killed mid-way, after " + writtenBeforeKill + " files");
        assertFalse(Files.exists(out.resolve("manifest.json")), "an interrupted run leaves no manifest");

        Process second = startDeidentify(in, out, store, tmp.resolve("second.log"));
        assertTrue(second.waitFor(120, TimeUnit.SECONDS), "the restarted run finishes");
        assertEquals(0, second.exitValue(), Files.readString(tmp.resolve("second.log.err")));
        JsonNode summary = JSON.readTree(tmp.resolve("second.log").toFile());

        // every input written or quarantined exactly once, and what was finished before the kill was not redone
        assertEquals(inputs, summary.path("received").asInt());
        assertEquals(300, summary.path("written").asInt());
        assertEquals(3, summary.path("quarantinedCount").asInt());
        // at most one instance per thread can be renamed into place but not yet in the journal when killed
        long resumed = summary.path("resumed").asLong();
        assertTrue(resumed >= writtenBeforeKill - 2 && resumed < inputs, "resumed " + resumed + " of " + writtenBeforeKill);
        System.out.println("interrupted run: killed after " + writtenBeforeKill + " files, resumed " + resumed);
        Map<String, String> reasons = new TreeMap<>();
        summary.path("quarantined").forEach(q -> reasons.put(q.path("file").asText(), q.path("reason").asText()));
        assertEquals(Map.of("empty.dcm", "empty-file", "patient-07/cut.dcm", "truncated", "referral-letter.txt", "not-dicom"), reasons);
        Path quarantine = Path.of(summary.path("quarantineFolder").asText());
        assertEquals(Set.of("empty.dcm", "empty.dcm.reason.json", "patient-07/cut.dcm", "patient-07/cut.dcm.reason.json",
                "referral-letter.txt", "referral-letter.txt.reason.json"), filesUnder(quarantine));

        // the manifest is complete and identical to the uninterrupted run's
        assertArrayEquals(Files.readAllBytes(reference.manifest()), Files.readAllBytes(out.resolve("manifest.json")));
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        Set<String> listed = new TreeSet<>();
        manifest.path("files").forEach(f -> listed.add(f.path("path").asText()));
        assertEquals(300, listed.size());

        // no gaps, no duplicates, no leftovers: the folder holds exactly the listed files, each with its listed hash
        Set<String> present = filesUnder(out);
        present.remove("manifest.json");
        assertEquals(listed, present);
        Map<String, String> hashes = new TreeMap<>();
        manifest.path("files").forEach(f -> hashes.put(f.path("path").asText(), f.path("sha256").asText()));
        for (Map.Entry<String, String> e : hashes.entrySet()) {
            assertEquals(e.getValue(), ProvisioningManifest.sha256(Files.readAllBytes(out.resolve(e.getKey()))), e.getKey());
        }
        Set<String> instanceUids = new HashSet<>();
        for (Path f : TestSupport.dicomFiles(out)) {
            assertTrue(instanceUids.add(Attribute.getSingleStringValueOrEmptyString(TestSupport.read(f), TagFromName.SOPInstanceUID)));
        }
        assertEquals(300, instanceUids.size());
        try (Stream<Path> work = Files.walk(store.resolve("projects/PRJ-R/work"))) {
            assertEquals(0, work.filter(Files::isRegularFile).count(), "no temporary copies left in the store");
        }

        // and once more: everything is taken over, nothing changes
        Process third = startDeidentify(in, out, store, tmp.resolve("third.log"));
        assertTrue(third.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, third.exitValue());
        assertEquals(inputs, JSON.readTree(tmp.resolve("third.log").toFile()).path("resumed").asInt());
        assertArrayEquals(Files.readAllBytes(reference.manifest()), Files.readAllBytes(out.resolve("manifest.json")));
        List<String> after = new ArrayList<>(filesUnder(out));
        after.remove("manifest.json");
        assertEquals(new ArrayList<>(listed), after);
        assertTrue(Files.readString(tmp.resolve("first.log"), StandardCharsets.UTF_8).isEmpty(), "the killed run printed no summary");
    }
}

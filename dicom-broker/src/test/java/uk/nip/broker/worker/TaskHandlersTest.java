package uk.nip.broker.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.nip.broker.TestSupport;
import uk.nip.broker.demo.DemoDatasetGenerator;

class TaskHandlersTest {

    @TempDir
    Path root;
    WorkerSettings settings;

    @BeforeEach
    void archiveWithOneDataset() throws Exception {
        settings = FakeTasks.settings(root, URI.create("http://127.0.0.1:9/engine-rest"), URI.create("http://127.0.0.1:9"));
        new DemoDatasetGenerator(DemoDatasetGenerator.DEFAULT_SEED).generate(settings.archiveDir().resolve("DS-CHEST-1"), 2, 1, 2);
        Files.writeString(settings.archiveDir().resolve("DS-CHEST-1").resolve("readme.txt"), "not an image");
    }

    private Map<String, Object> provision(String taskId) {
        FakeTasks.RecordingService rec = new FakeTasks.RecordingService();
        new ProvisionDatasetHandler(settings).execute(FakeTasks.task(taskId, ProvisionDatasetHandler.TOPIC, null,
                Map.of("projectId", "PRJ-7", "datasetId", "DS-CHEST-1", "applicationId", "APP-42")), rec.service);
        @SuppressWarnings("unchecked")
        Map<String, Object> vars = (Map<String, Object>) rec.only("complete").args().get(1);
        return vars;
    }

    @Test
    void provisioningCompletesWithCountsManifestHashAndLocation() throws Exception {
        Map<String, Object> vars = provision("t1");
        assertEquals(4L, vars.get("filesWritten"));
        assertEquals(1L, vars.get("filesQuarantined"));
        Path location = Path.of((String) vars.get("outputLocation"));
        assertEquals(settings.outputDir().resolve("PRJ-7").resolve("DS-CHEST-1"), location);
        assertTrue(((String) vars.get("manifestSha256")).matches("[0-9a-f]{64}"));
        assertEquals(4, TestSupport.dicomFiles(location).size());
        assertTrue(Files.exists(location.resolve("manifest.json")));
    }

    @Test
    void repeatingTheSameTaskGivesTheSameOutputAndNoDuplicates() throws Exception {
        Map<String, Object> first = provision("t1");
        Map<String, Object> second = provision("t1-again");
        assertEquals(first, second);
        assertEquals(4, TestSupport.dicomFiles(Path.of((String) first.get("outputLocation"))).size());
    }

    @Test
    void failuresAreReportedWithFewerRetriesAndGrowingBackoff() {
        Map<String, Object> vars = Map.of("projectId", "PRJ-7", "datasetId", "NOT-IN-ARCHIVE", "applicationId", "APP-42");
        int[][] expected = {{3, 10_000}, {2, 60_000}, {1, 300_000}, {0, 0}};
        Integer[] retriesBefore = {null, 3, 2, 1};
        for (int i = 0; i < retriesBefore.length; i++) {
            FakeTasks.RecordingService rec = new FakeTasks.RecordingService();
            new ProvisionDatasetHandler(settings).execute(
                    FakeTasks.task("t-fail", ProvisionDatasetHandler.TOPIC, retriesBefore[i], vars), rec.service);
            FakeTasks.Call failure = rec.only("handleFailure");
            String message = (String) failure.args().get(1);
            assertTrue(message.contains("NOT-IN-ARCHIVE") && message.contains("not in the archive"), message);
            assertEquals(expected[i][0], failure.args().get(3));
            assertEquals((long) expected[i][1], failure.args().get(4));
        }
    }

    @Test
    void anUnsafeProjectIdIsRefusedNotUsedAsAPath() {
        FakeTasks.RecordingService rec = new FakeTasks.RecordingService();
        new ProvisionDatasetHandler(settings).execute(FakeTasks.task("t-bad", ProvisionDatasetHandler.TOPIC, null,
                Map.of("projectId", "../etc", "datasetId", "DS-CHEST-1")), rec.service);
        assertTrue(((String) rec.only("handleFailure").args().get(1)).contains("project id must be"));
        assertFalse(Files.exists(root.resolve("etc")));
    }

    @Test
    void destroyingAProjectDeletesItsFilesAndKeysAndAttests() throws Exception {
        Map<String, Object> provisioned = provision("t1");
        Path location = Path.of((String) provisioned.get("outputLocation"));
        long bytes = 0;
        for (Path f : TestSupport.dicomFiles(location)) {
            bytes += Files.size(f);
        }
        bytes += Files.size(location.resolve("manifest.json"));
        assertTrue(Files.exists(settings.storeDir().resolve("projects/PRJ-7/project.key")));

        Instant now = Instant.parse("2030-05-01T10:15:30Z");
        DestroyDataHandler destroy = new DestroyDataHandler(settings, Clock.fixed(now, ZoneOffset.UTC));
        FakeTasks.RecordingService rec = new FakeTasks.RecordingService();
        destroy.execute(FakeTasks.task("d1", DestroyDataHandler.TOPIC, null, Map.of("projectId", "PRJ-7")), rec.service);
        @SuppressWarnings("unchecked")
        Map<String, Object> attestation = (Map<String, Object>) rec.only("complete").args().get(1);
        assertEquals(5L, attestation.get("filesDestroyed"));
        assertEquals(bytes, attestation.get("bytesDestroyed"));
        assertEquals("2030-05-01T10:15:30Z", attestation.get("destroyedAt"));
        assertTrue(((String) attestation.get("destroyedBy")).contains("pid " + ProcessHandle.current().pid()));
        assertTrue(((String) attestation.get("manifestSha256")).matches("[0-9a-f]{64}"));
        assertFalse(Files.exists(settings.outputDir().resolve("PRJ-7")));
        assertFalse(Files.exists(settings.storeDir().resolve("projects/PRJ-7")));

        FakeTasks.RecordingService again = new FakeTasks.RecordingService();
        destroy.execute(FakeTasks.task("d2", DestroyDataHandler.TOPIC, null, Map.of("projectId", "PRJ-7")), again.service);
        @SuppressWarnings("unchecked")
        Map<String, Object> second = (Map<String, Object>) again.only("complete").args().get(1);
        assertEquals(0L, second.get("filesDestroyed"));
    }
}

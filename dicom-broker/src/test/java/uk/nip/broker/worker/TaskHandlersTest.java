package uk.nip.broker.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.camunda.bpm.client.exception.ConnectionLostException;
import org.camunda.bpm.client.exception.NotFoundException;
import org.camunda.bpm.client.exception.RestException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import uk.nip.broker.TestSupport;
import uk.nip.broker.demo.DemoDatasetGenerator;
import uk.nip.broker.provision.ProvisioningManifest;

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
        return provision(taskId, "DS-CHEST-1");
    }

    private Map<String, Object> provision(String taskId, String datasetId) {
        FakeTasks.RecordingService rec = new FakeTasks.RecordingService();
        new ProvisionDatasetHandler(settings).execute(FakeTasks.task(taskId, ProvisionDatasetHandler.TOPIC, null,
                Map.of("projectId", "PRJ-7", "datasetId", datasetId, "applicationId", "APP-42")), rec.service);
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
        assertEquals(attestation, second, "nothing left to destroy: the attestation already made");
    }

    /**
     * The broker deleted everything and attested it, then could not complete the task (engine
     * restarting): the task comes again once its lock expires, and governance must get the
     * attestation of the files that were destroyed, not one of zero files.
     */
    @Test
    void aDestructionDeliveredAgainAfterItsCompletionFailedAttestsTheSameDestruction() throws Exception {
        Map<String, Object> provisioned = provision("t1");
        long bytes = releasedBytes(Path.of((String) provisioned.get("outputLocation")));
        Instant first = Instant.parse("2030-05-01T10:15:30Z");
        FakeTasks.RecordingService engineRestarting = new FakeTasks.RecordingService(
                Map.of("complete", () -> new ConnectionLostException("the engine is restarting", null)));
        assertThrows(ConnectionLostException.class, () -> new DestroyDataHandler(settings, Clock.fixed(first, ZoneOffset.UTC))
                .execute(FakeTasks.task("d1", DestroyDataHandler.TOPIC, 3, Map.of("projectId", "PRJ-7")), engineRestarting.service));
        @SuppressWarnings("unchecked")
        Map<String, Object> notReceived = (Map<String, Object>) engineRestarting.only("complete").args().get(1);

        // ten minutes later, a restarted broker fetches the same task
        FakeTasks.RecordingService rec = new FakeTasks.RecordingService();
        new DestroyDataHandler(settings, Clock.fixed(first.plusSeconds(600), ZoneOffset.UTC))
                .execute(FakeTasks.task("d1", DestroyDataHandler.TOPIC, 3, Map.of("projectId", "PRJ-7")), rec.service);
        @SuppressWarnings("unchecked")
        Map<String, Object> completed = (Map<String, Object>) rec.only("complete").args().get(1);
        assertEquals(notReceived, completed);
        assertEquals(5L, completed.get("filesDestroyed"));
        assertEquals(bytes, completed.get("bytesDestroyed"));
        assertEquals("2030-05-01T10:15:30Z", completed.get("destroyedAt"));
        List<Path> attestations;
        try (Stream<Path> files = Files.list(settings.storeDir().resolve("attestations"))) {
            attestations = files.toList();
        }
        assertEquals(1, attestations.size(), attestations.toString());
        byte[] attestation = Files.readAllBytes(attestations.get(0));
        assertEquals(ProvisioningManifest.sha256(attestation), completed.get("manifestSha256"));
        assertEquals(5, new ObjectMapper().readTree(attestation).path("files").size());

        // provisioned again later, the project is destroyed anew rather than answered with the old attestation
        provision("t2");
        FakeTasks.RecordingService later = new FakeTasks.RecordingService();
        new DestroyDataHandler(settings, Clock.fixed(first.plusSeconds(86_400), ZoneOffset.UTC))
                .execute(FakeTasks.task("d2", DestroyDataHandler.TOPIC, 3, Map.of("projectId", "PRJ-7")), later.service);
        @SuppressWarnings("unchecked")
        Map<String, Object> anew = (Map<String, Object>) later.only("complete").args().get(1);
        assertEquals(5L, anew.get("filesDestroyed"));
        assertEquals("2030-05-02T10:15:30Z", anew.get("destroyedAt"));
    }

    /**
     * A revocation cancels the process, so the engine no longer has the task: the run hands over
     * no more instances, finishes those under way, and neither completes nor fails the task.
     */
    @Test
    void aRunWhoseTaskIsWithdrawnStopsBetweenInstancesWithoutCompletingOrFailing() throws Exception {
        new DemoDatasetGenerator(5).generate(settings.archiveDir().resolve("DS-LARGE"), 4, 1, 10);
        Path output = settings.outputDir().resolve("PRJ-7").resolve("DS-LARGE");
        CountDownLatch withdrawn = new CountDownLatch(1);
        CapturedLog capture = new CapturedLog();
        Logger handlerLog = Logger.getLogger(ProvisionDatasetHandler.class.getName());
        handlerLog.addHandler(capture);
        try (FakeServers engine = new FakeServers(r -> "[]")) {
            // the first progress update is held until the engine has said the task is gone, so the
            // withdrawal comes mid-run however fast this machine de-identifies
            engine.beforeEngineAnswers = () -> {
                try {
                    withdrawn.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            // one thread, and the lock extended after a second
            WorkerSettings oneThread = new WorkerSettings(engine.engine(), engine.base(), "imaging", "dicom-broker",
                    "test-secret-value", settings.archiveDir(), null, "ClinicalTrialProtocolID", null,
                    settings.outputDir(), settings.storeDir(), 2_000, 1L << 30, 1);
            ClientCredentialsTokenSource tokens = new ClientCredentialsTokenSource(oneThread.tokenEndpoint(),
                    "dicom-broker", "test-secret-value", Clock.systemUTC());
            FakeTasks.RecordingService rec = new FakeTasks.RecordingService(Map.of("extendLock", () -> {
                withdrawn.countDown();
                return new NotFoundException("task gone", new RestException("External task not found", "RestException", null));
            }));
            new ProvisionDatasetHandler(oneThread, tokens).execute(FakeTasks.task("t-revoked", ProvisionDatasetHandler.TOPIC,
                    null, Map.of("projectId", "PRJ-7", "datasetId", "DS-LARGE", "applicationId", "APP-42")), rec.service);

            assertFalse(rec.calls("extendLock").isEmpty(), "the run outlasted the first lock extension");
            assertTrue(rec.calls("complete").isEmpty() && rec.calls("handleFailure").isEmpty(), rec.calls.toString());
            // the instance under way when the withdrawal was seen, and at most two waiting for the thread
            int written = TestSupport.dicomFiles(output).size();
            assertTrue(written <= 3, written + " of 40 instances written");
            assertFalse(Files.exists(output.resolve("manifest.json")), "a stopped run leaves no manifest");
            assertTrue(capture.records.stream().anyMatch(r -> r.getLevel() == Level.WARNING
                    && r.getMessage().contains("task=t-revoked") && r.getMessage().contains("stopped: its task was withdrawn")),
                    capture.records.stream().map(LogRecord::getMessage).toList().toString());
        } finally {
            handlerLog.removeHandler(capture);
        }

        // what it finished is consistent: a later task for the same dataset resumes and completes it
        Map<String, Object> later = provision("t-later", "DS-LARGE");
        assertEquals(40L, later.get("filesWritten"));
        assertEquals(40, TestSupport.dicomFiles(output).size());
    }

    private static long releasedBytes(Path location) throws Exception {
        long bytes = Files.size(location.resolve("manifest.json"));
        for (Path f : TestSupport.dicomFiles(location)) {
            bytes += Files.size(f);
        }
        return bytes;
    }
}

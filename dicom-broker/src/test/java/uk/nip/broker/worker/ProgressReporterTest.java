package uk.nip.broker.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.nip.broker.demo.DemoDatasetGenerator;

class ProgressReporterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private static List<FakeServers.Request> progressUpdates(FakeServers servers, String processInstance) {
        return servers.requests.stream()
                .filter(r -> r.path().equals("/engine-rest/process-instance/" + processInstance + "/variables/provisioningProgress"))
                .toList();
    }

    private static String value(FakeServers.Request r) throws Exception {
        JsonNode body = JSON.readTree(r.body());
        assertEquals("String", body.path("type").asText());
        return body.path("value").asText();
    }

    @Test
    void sendsAtMostOneUpdateASecondAndAlwaysTheLast() throws Exception {
        try (FakeServers servers = new FakeServers(r -> "[]")) {
            AtomicLong now = new AtomicLong(0);
            ClientCredentialsTokenSource tokens = new ClientCredentialsTokenSource(
                    URI.create(servers.base() + "/realms/imaging/protocol/openid-connect/token"), "dicom-broker", "s", Clock.systemUTC());
            ProgressReporter reporter = new ProgressReporter(servers.engine(), "pi-7", tokens, HttpClient.newHttpClient(),
                    now::get, now::addAndGet);
            reporter.progress(1, 100);
            for (int i = 2; i <= 50; i++) {
                now.addAndGet(TimeUnit.MILLISECONDS.toNanos(19));
                reporter.progress(i, 100);
            }
            now.set(TimeUnit.MILLISECONDS.toNanos(1000));
            reporter.progress(51, 100);
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(200));
            for (int i = 52; i <= 100; i++) {
                reporter.progress(i, 100);
            }
            reporter.close();

            List<FakeServers.Request> updates = progressUpdates(servers, "pi-7");
            assertEquals(3, updates.size(), updates.toString());
            assertEquals("1/100", value(updates.get(0)));
            assertEquals("51/100", value(updates.get(1)));
            assertEquals("100/100", value(updates.get(2)));
            // the last update waited out the rest of its second
            assertEquals(TimeUnit.MILLISECONDS.toNanos(2000), now.get());
            for (FakeServers.Request r : updates) {
                assertEquals("PUT", r.method());
                assertEquals("Bearer tok-1", r.authorization());
                assertTrue(r.contentType().startsWith("application/json"));
            }
        }
    }

    @Test
    void threadsFinishingOutOfOrderNeverMoveProgressBack() throws Exception {
        try (FakeServers servers = new FakeServers(r -> "[]")) {
            AtomicLong now = new AtomicLong(0);
            ClientCredentialsTokenSource tokens = new ClientCredentialsTokenSource(
                    URI.create(servers.base() + "/realms/imaging/protocol/openid-connect/token"), "dicom-broker", "s", Clock.systemUTC());
            ProgressReporter reporter = new ProgressReporter(servers.engine(), "pi-8", tokens, HttpClient.newHttpClient(),
                    now::get, now::addAndGet);
            reporter.progress(1, 10);
            reporter.progress(10, 10);
            // a slower thread reports the count it took earlier
            reporter.progress(9, 10);
            reporter.close();
            List<FakeServers.Request> updates = progressUpdates(servers, "pi-8");
            assertEquals(List.of("1/10", "10/10"), List.of(value(updates.get(0)), value(updates.get(1))));
            assertEquals(2, updates.size());
        }
    }

    @Test
    void aProvisioningTaskReportsProgressToItsProcessInstanceBeforeCompleting() throws Exception {
        try (FakeServers servers = new FakeServers(r -> "[]")) {
            WorkerSettings settings = FakeTasks.settings(root, servers.engine(), servers.base());
            // enough files for the run to outlast a second on two threads
            new DemoDatasetGenerator(5).imageSize(256, 256).generate(settings.archiveDir().resolve("DS-P"), 6, 2, 8);
            ClientCredentialsTokenSource tokens = new ClientCredentialsTokenSource(settings.tokenEndpoint(),
                    settings.clientId(), settings.clientSecret(), Clock.systemUTC());
            FakeTasks.RecordingService rec = new FakeTasks.RecordingService();
            long started = System.nanoTime();
            new ProvisionDatasetHandler(settings, tokens).execute(FakeTasks.task("t-p", ProvisionDatasetHandler.TOPIC, null,
                    Map.of("projectId", "PRJ-P", "datasetId", "DS-P")), rec.service);
            long elapsed = System.nanoTime() - started;
            assertEquals(96L, ((Map<?, ?>) rec.only("complete").args().get(1)).get("filesWritten"));

            List<FakeServers.Request> updates = progressUpdates(servers, "pi-t-p");
            assertTrue(!updates.isEmpty());
            assertEquals("96/96", value(updates.get(updates.size() - 1)));
            long previousDone = 0;
            for (int i = 0; i < updates.size(); i++) {
                String[] v = value(updates.get(i)).split("/");
                assertEquals("96", v[1]);
                assertTrue(Long.parseLong(v[0]) > previousDone, "progress only moves forward");
                previousDone = Long.parseLong(v[0]);
                if (i > 0) {
                    long gap = updates.get(i).receivedNanos() - updates.get(i - 1).receivedNanos();
                    assertTrue(gap >= TimeUnit.MILLISECONDS.toNanos(950), "updates at most once a second, gap " + gap / 1_000_000 + " ms");
                }
            }
            // one update a second, plus the first and the last
            assertTrue(updates.size() <= TimeUnit.NANOSECONDS.toSeconds(elapsed) + 2, updates.size() + " updates in " + elapsed / 1_000_000 + " ms");
            System.out.println("progress: " + updates.size() + " updates in " + elapsed / 1_000_000 + " ms");
        }
    }
}

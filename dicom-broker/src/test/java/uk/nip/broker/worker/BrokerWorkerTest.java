package uk.nip.broker.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.nip.broker.demo.DemoDatasetGenerator;

/** The real Camunda task client, talking to a fake engine: bearer token on every call, task completed. */
class BrokerWorkerTest {

    private static final String LOCKED_TASK = """
            [{"activityId":"ProvisionDataset","activityInstanceId":"ProvisionDataset:1","errorMessage":null,
              "errorDetails":null,"executionId":"exec-1","id":"task-1",
              "lockExpirationTime":"2099-01-01T00:00:00.000+0000","createTime":"2030-01-01T00:00:00.000+0000",
              "processDefinitionId":"provisioning:1:1","processDefinitionKey":"provisioning",
              "processDefinitionVersionTag":null,"processInstanceId":"pi-1","retries":null,"suspended":false,
              "workerId":"w","topicName":"provision-dataset","tenantId":null,"priority":0,"businessKey":"APP-42",
              "extensionProperties":{},
              "variables":{
                "projectId":{"type":"String","value":"PRJ-9","valueInfo":{}},
                "datasetId":{"type":"String","value":"DS-1","valueInfo":{}},
                "applicationId":{"type":"String","value":"APP-42","valueInfo":{}}}}]
            """;

    @TempDir
    Path root;

    @Test
    void fetchesWithABearerTokenAndCompletesTheProvisioningTask() throws Exception {
        AtomicBoolean handedOut = new AtomicBoolean();
        try (FakeServers servers = new FakeServers(r -> handedOut.getAndSet(true) ? "[]" : LOCKED_TASK)) {
            WorkerSettings settings = FakeTasks.settings(root, servers.engine(), servers.base());
            new DemoDatasetGenerator(DemoDatasetGenerator.DEFAULT_SEED).generate(settings.archiveDir().resolve("DS-1"), 1, 1, 2);
            BrokerWorker worker = new BrokerWorker(settings, Clock.systemUTC());
            worker.start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (servers.requests.stream().noneMatch(r -> r.path().endsWith("/task-1/complete"))
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            } finally {
                worker.stop();
            }
            FakeServers.Request complete = servers.requests.stream()
                    .filter(r -> r.path().endsWith("/external-task/task-1/complete")).findFirst()
                    .orElseThrow(() -> new AssertionError("task was not completed: " + servers.requests));
            servers.requests.stream().filter(r -> r.path().startsWith("/engine-rest"))
                    .forEach(r -> assertEquals("Bearer tok-1", r.authorization(), r.path()));

            // progress goes to the task's process instance, last value before completion
            int completedAt = servers.requests.indexOf(complete);
            FakeServers.Request progress = servers.requests.stream()
                    .filter(r -> r.path().equals("/engine-rest/process-instance/pi-1/variables/provisioningProgress"))
                    .reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no progress reported: " + servers.requests));
            assertTrue(servers.requests.indexOf(progress) < completedAt);
            assertEquals("2/2", new ObjectMapper().readTree(progress.body()).path("value").asText());

            JsonNode vars = new ObjectMapper().readTree(complete.body()).path("variables");
            assertEquals(2, vars.path("filesWritten").path("value").asLong());
            assertEquals("Long", vars.path("filesWritten").path("type").asText());
            assertEquals(0, vars.path("filesQuarantined").path("value").asLong());
            assertTrue(vars.path("manifestSha256").path("value").asText().matches("[0-9a-f]{64}"));
            Path location = Path.of(vars.path("outputLocation").path("value").asText());
            assertTrue(Files.exists(location.resolve("manifest.json")));
        }
    }
}

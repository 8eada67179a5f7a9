package uk.nip.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nip.portal.Journeys.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import uk.nip.portal.Http.Reply;

/**
 * The end of access enforced by the workflow and the real broker process: a broker task that ran out
 * of retries is an incident a custodian retries; a revocation mid-provisioning and one of active access
 * both end with the project's files destroyed, an attestation with the propagation time, the
 * register showing the use closed and the audit trail recording each step.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RevocationIT {

    @Deployment(testable = false)
    static WebArchive portal() {
        return PortalDeployment.builtWar();
    }

    static BrokerProcess broker;
    /** Revoked mid-provisioning while no broker ran; destroyed once the broker starts. */
    static long revokedWhileProvisioning;

    final String researcher = Http.userToken("researcher");
    final String chair = Http.userToken("dacchair");
    final String custodian = Http.userToken("custodian");
    final String auditor = Http.userToken("auditor");

    @AfterAll
    static void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.stop();
        }
    }

    static String reference(long id, String token) {
        return expect(200, Http.get("/api/applications/" + id, token)).json().get("reference").asText();
    }

    static String state(long id, String token) {
        return expect(200, Http.get("/api/applications/" + id, token)).json().get("state").asText();
    }

    String awaitState(long id, String wanted, Duration within) throws InterruptedException {
        Instant limit = Instant.now().plus(within);
        String s = state(id, researcher);
        while (!s.equals(wanted) && Instant.now().isBefore(limit)) {
            Thread.sleep(200);
            s = state(id, researcher);
        }
        assertEquals(wanted, s, "application " + id + (broker == null ? "" : "; see " + broker.work.resolve("broker.log")));
        return s;
    }

    static List<String> audit(String objectType, String reference) {
        Reply r = expect(200, Http.get("/api/audit/records?objectType=" + objectType + "&objectId="
                + URLEncoder.encode(reference, StandardCharsets.UTF_8) + "&max=200", Http.userToken("auditor")));
        List<String> actions = new ArrayList<>();
        r.json().forEach(rec -> actions.add(rec.get("action").asText() + " " + rec.get("detail").asText()));
        return actions;
    }

    /** Plays the broker through the engine's REST API: takes this application's provisioning task. */
    static JsonNode fetchProvisioning(String reference) {
        Reply r = expect(200, Http.postJson("/engine-rest/external-task/fetchAndLock", Http.brokerToken(),
                Map.of("workerId", "revocation-it", "maxTasks", 1, "topics", List.of(Map.of(
                        "topicName", "provision-dataset", "lockDuration", 60_000, "businessKey", reference)))));
        return r.json();
    }

    static Reply revoke(long id, String token, String ground) {
        return Http.postJson("/api/applications/" + id + "/revocation", token,
                Map.of("ground", ground, "statement", "Images were copied out of the sandbox."));
    }

    @Test
    @Order(1)
    void aBrokerTaskOutOfRetriesIsAnIncidentACustodianRetriesWithAReason() {
        long id = Journeys.decided(researcher, "Provisioning that fails", true);
        Journeys.agreementSigned(id);
        assertEquals("PROVISIONING", state(id, researcher));
        String reference = reference(id, researcher);
        JsonNode tasks = fetchProvisioning(reference);
        assertEquals(1, tasks.size(), tasks.toString());
        // The broker's last failure: TaskFailures reports retries 3, 2, 1 and then 0.
        expect(204, Http.postJson("/engine-rest/external-task/" + tasks.get(0).get("id").asText() + "/failure",
                Http.brokerToken(), Map.of("workerId", "revocation-it", "errorMessage",
                        "archive unreachable: connection refused", "retries", 0, "retryTimeout", 0)));

        assertEquals(403, Http.get("/api/incidents", researcher).status());
        assertEquals(403, Http.get("/api/incidents", chair).status());
        JsonNode incident = null;
        for (JsonNode i : expect(200, Http.get("/api/incidents", custodian)).json()) {
            if (reference.equals(i.path("reference").asText())) {
                incident = i;
            }
        }
        assertNotNull(incident, "the custodian sees the incident of " + reference);
        assertEquals("provision-dataset", incident.get("step").asText());
        assertEquals("Provision de-identified dataset", incident.get("stepName").asText());
        assertEquals("archive unreachable: connection refused", incident.get("message").asText());
        assertEquals("Access request", incident.get("process").asText());
        String retry = "/api/incidents/" + incident.get("id").asText() + "/retry";
        custodianPageShowsTheIncidentAndWantsAReason();

        assertEquals(403, Http.postJson(retry, researcher, Map.of("reason", "x")).status());
        Reply noReason = Http.postJson(retry, custodian, Map.of("reason", " "));
        assertEquals(422, noReason.status(), noReason.body());
        assertTrue(noReason.json().get("problems").has("reason"), noReason.body());
        assertEquals(404, Http.postJson("/api/incidents/no-such-incident/retry", custodian,
                Map.of("reason", "Fixed")).status());
        expect(200, Http.postJson(retry, custodian, Map.of("reason", "Archive mount restored")));
        assertEquals(404, Http.postJson(retry, custodian, Map.of("reason", "again")).status(), "retried once");
        assertTrue(audit("process", reference).stream().anyMatch(a -> a.startsWith("workflow.retry step provision-dataset")
                && a.endsWith("reason: Archive mount restored")), audit("process", reference).toString());

        // The task is back for the broker; it takes it and is working when access is revoked.
        JsonNode working = fetchProvisioning(reference);
        assertEquals(1, working.size(), working.toString());
        expect(200, revoke(id, chair, "REIDENTIFICATION_RISK"));
        assertEquals("REVOKED", state(id, researcher));
        // The engine refuses the late completion of the interrupted provisioning, and nothing changes.
        Reply late = Http.postJson("/engine-rest/external-task/" + working.get(0).get("id").asText() + "/complete",
                Http.brokerToken(), Map.of("workerId", "revocation-it", "variables", Map.of(
                        "filesWritten", Map.of("value", 24, "type", "Long"))));
        assertEquals(404, late.status(), late.body());
        assertEquals("REVOKED", state(id, researcher));
        assertEquals(0, fetchProvisioning(reference).size());
        assertTrue(audit("application", reference).stream().anyMatch(a -> a.startsWith("access.credentials-withdrawn")));
        revokedWhileProvisioning = id;
    }

    /** The custodian's page: the incident with its step and message, the application's progress, a reason required. */
    void custodianPageShowsTheIncidentAndWantsAReason() {
        WebDriver browser = Browser.chromium();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(Http.PORTAL + "/custodian/");
            Browser.signIn(browser, wait, "custodian");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("incidents:open-incidents"),
                    "archive unreachable: connection refused"));
            String table = browser.findElement(By.id("incidents:open-incidents")).getText();
            assertTrue(table.contains("Provision de-identified dataset") && table.contains("Access request"), table);
            assertTrue(browser.findElement(By.id("all")).getText().contains("Provisioning (waiting for the broker)"),
                    browser.findElement(By.id("all")).getText());
            browser.findElement(By.id("incidents:open-incidents:0:retry")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Say what was fixed"));
            Browser.assertAccessible(browser);
        } finally {
            browser.quit();
        }
    }

    @Test
    @Order(2)
    void revokingActiveAccessDestroysTheFilesAndRecordsTheAttestation() throws Exception {
        broker = BrokerProcess.start("revocation");
        // The revocation left while no broker ran is enforced as soon as one works the queue.
        if (revokedWhileProvisioning != 0) {
            awaitState(revokedWhileProvisioning, "CLOSED", Duration.ofSeconds(90));
        }

        // two collections: the broker provisions both, each with its own cohort, before access begins
        broker.generate("demo-brain-mr", "--modality", "MR", "--body-part", "HEAD", "--patients", "2",
                "--studies-per-patient", "1", "--images-per-series", "3", "--seed", "20261128");
        Map<String, Object> draft = PortalApiIT.completeDraft("Access to be revoked");
        draft.put("datasets", List.of(
                Map.of("datasetId", "demo-chest-ct", "modalities", "CT", "bodyParts", "CHEST", "ageFrom", 18, "sex", "ANY"),
                Map.of("datasetId", "demo-brain-mr")));
        long id = Journeys.decided(researcher, draft, true);
        Journeys.agreementSigned(id);
        String reference = reference(id, researcher);
        awaitState(id, "ACTIVE", Duration.ofSeconds(120));
        JsonNode app = expect(200, Http.get("/api/applications/" + id, researcher)).json();
        Path folder = broker.projects().resolve(reference);
        assertTrue(Files.isDirectory(folder), "the broker wrote " + folder);
        JsonNode collections = expect(200, Http.get("/api/applications/" + id + "/collections", researcher)).json();
        assertEquals(List.of("demo-chest-ct", "demo-brain-mr"),
                List.of(collections.get(0).get("datasetId").asText(), collections.get(1).get("datasetId").asText()),
                collections.toString());
        assertTrue(collections.get(0).get("filesProvisioned").asLong() > 0, collections.toString());
        assertEquals(6, collections.get(1).get("filesProvisioned").asLong(), "the whole generated collection");
        long provisioned = collections.get(0).get("filesProvisioned").asLong() + 6;
        assertEquals(provisioned, app.get("provisionedFiles").asLong(), app.toString());
        assertEquals(collections.get(0).get("manifestSha256").asText(), app.get("manifestSha256").asText());
        // the custodian's list shows both, each with its manifest's hash
        WebDriver browser = Browser.chromium();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(Http.PORTAL + "/custodian/");
            Browser.signIn(browser, wait, "custodian");
            By shown = By.xpath("//tr[td[1][normalize-space()='" + reference + "']]//div[@class='collection']");
            wait.until(ExpectedConditions.numberOfElementsToBe(shown, 2));
            List<String> rows = browser.findElements(shown).stream().map(e -> e.getText()).toList();
            for (int i = 0; i < 2; i++) {
                JsonNode c = collections.get(i);
                assertEquals(c.get("datasetId").asText() + ": " + c.get("filesProvisioned").asLong() + " files, "
                        + c.get("manifestSha256").asText(), rows.get(i));
            }
        } finally {
            browser.quit();
        }
        List<String> provisioning = audit("application", reference).stream()
                .filter(t -> t.startsWith("provisioning.collection-provisioned")).toList();
        assertEquals(2, provisioning.size(), provisioning.toString());

        assertEquals(403, revoke(id, researcher, "BREACH").status());
        expect(200, revoke(id, chair, "BREACH"));
        awaitState(id, "CLOSED", Duration.ofSeconds(90));
        assertFalse(Files.exists(folder), "the broker destroyed " + folder);

        JsonNode attestations = expect(200, Http.get("/api/applications/" + id + "/attestations", researcher)).json();
        assertEquals(1, attestations.size(), attestations.toString());
        JsonNode a = attestations.get(0);
        assertEquals("REVOKED", a.get("endedAs").asText());
        assertEquals("BREACH", a.get("ground").asText());
        // every released file of both collections, and each collection's manifest
        assertEquals(provisioned + 2, a.get("filesDestroyed").asLong(), a.toString());
        assertTrue(a.get("bytesDestroyed").asLong() > 0, a.toString());
        assertEquals(64, a.get("manifestSha256").asText().length());
        assertTrue(a.get("propagationMillis").asLong() > 0, a.toString());
        assertEquals(Duration.between(Instant.parse(a.get("requestedAt").asText()),
                Instant.parse(a.get("enforcedAt").asText())).toMillis(), a.get("propagationMillis").asLong());
        assertNotNull(a.get("credentialsWithdrawnAt").asText());
        assertEquals(403, Http.get("/api/applications/" + id + "/attestations", Http.userToken("researcher2")).status());
        expect(200, Http.get("/api/applications/" + id + "/attestations", auditor));

        JsonNode history = expect(200, Http.get("/api/applications/" + id + "/history", researcher)).json();
        JsonNode last = history.get(history.size() - 1);
        assertEquals("CLOSE", last.get("action").asText());
        assertEquals("REVOKE", history.get(history.size() - 2).get("action").asText());

        String status = null;
        String datasetNames = null;
        for (JsonNode e : expect(200, Http.get("/api/register", null)).json()) {
            if (reference.equals(e.get("projectId").asText())) {
                status = e.get("status").asText();
                datasetNames = e.get("datasetNames").asText();
            }
        }
        assertEquals("Closed (revoked: Breach of the agreement)", status);
        assertEquals("Demo chest CT collection; Demo brain MR collection", datasetNames, "every collection of the use");

        List<String> trail = audit("application", reference);
        for (String action : List.of("application.revoke", "access.credentials-withdrawn", "data.destroyed",
                "application.close")) {
            assertTrue(trail.stream().anyMatch(t -> t.startsWith(action)), action + " in " + trail);
        }
    }

    /**
     * Benchmark, only with -Drevocation.benchmark=N: N applications made active and revoked one after
     * another; prints the propagation times' p50 and p95 (docs/benchmarks.md, "Revocation").
     */
    @Test
    @Order(3)
    void propagationTimes() throws Exception {
        int n = Integer.getInteger("revocation.benchmark", 0);
        if (n <= 0) {
            return;
        }
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long id = Journeys.decided(researcher, "Benchmark revocation " + i, true);
            Journeys.agreementSigned(id);
            awaitState(id, "ACTIVE", Duration.ofSeconds(120));
            expect(200, revoke(id, chair, "PUBLIC_INTEREST"));
            awaitState(id, "CLOSED", Duration.ofSeconds(120));
            millis.add(expect(200, Http.get("/api/applications/" + id + "/attestations", researcher)).json()
                    .get(0).get("propagationMillis").asLong());
        }
        Collections.sort(millis);
        System.out.println("REVOCATION-BENCHMARK n=" + n + " p50=" + percentile(millis, 50) + "ms p95="
                + percentile(millis, 95) + "ms min=" + millis.get(0) + "ms max=" + millis.get(n - 1) + "ms all="
                + millis);
    }

    static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}

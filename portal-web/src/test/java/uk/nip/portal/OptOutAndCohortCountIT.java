package uk.nip.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import uk.nip.portal.Http.Reply;

/**
 * The custodians' opt-out register reaching the real broker, and the committee's aggregate cohort
 * counts with small numbers suppressed: the portal, the workflow and the broker process together.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OptOutAndCohortCountIT {

    @Deployment(testable = false)
    static WebArchive portal() {
        return PortalDeployment.builtWar();
    }

    static BrokerProcess broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = BrokerProcess.start("cohort-count", List.of("--patients", "10", "--studies-per-patient", "1",
                "--images-per-series", "2"));
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.stop();
        }
    }

    /** The first generated patient's NHS number, read with DCMTK's dcmdump. */
    static String firstPatientId() throws Exception {
        Path file;
        try (Stream<Path> files = Files.walk(broker.archive().resolve("patient-01"))) {
            file = files.filter(p -> p.toString().endsWith(".dcm")).findFirst().orElseThrow();
        }
        Process p = new ProcessBuilder("dcmdump", "+P", "0010,0020", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = Pattern.compile("\\[(\\d{10})]").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }

    /** The latest count of the application's first collection, once the broker has counted it. */
    static JsonNode awaitCount(long id, String token) throws InterruptedException {
        return awaitCounts(id, token).get(0);
    }

    /** The latest request's counts, one per requested collection in the application's order, once all are counted. */
    static List<JsonNode> awaitCounts(long id, String token) throws InterruptedException {
        Instant limit = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(limit)) {
            JsonNode counts = Http.get("/api/applications/" + id + "/cohort-counts", token).json();
            List<JsonNode> latest = new ArrayList<>();
            counts.forEach(c -> {
                if (c.get("requestedAt").equals(counts.get(0).get("requestedAt"))) {
                    latest.add(c);
                }
            });
            if (!latest.isEmpty() && latest.stream().noneMatch(c -> c.get("status").asText().equals("COUNTING"))) {
                return latest;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("The broker did not count the cohort in 90 s; see " + broker.work.resolve("broker.log"));
    }

    @Test
    void optedOutPatientsAreNotCountedAndSmallCountsAreSuppressed() throws Exception {
        String custodian = Http.userToken("custodian");
        String member = Http.userToken("dacmember");
        long id = Journeys.underReview(Http.userToken("researcher"), "How many scans are there?");
        Journeys.expect(200, Journeys.declare(id, "dacmember", false));
        String counts = "/api/applications/" + id + "/cohort-counts";

        JsonNode before = Journeys.expect(202, Http.postJson(counts, member, "{}")).json();
        assertEquals(1, before.size(), before.toString());
        assertEquals("COUNTING", before.get(0).get("status").asText());
        assertEquals("demo-chest-ct", before.get(0).get("datasetId").asText());
        JsonNode all = awaitCount(id, member);
        assertEquals("DONE", all.get("status").asText(), all.toString());
        assertEquals("10", all.get("patients").asText(), all.toString());

        // A custodian registers the first patient's opt-out; the next count leaves them out.
        String nhsNumber = firstPatientId();
        JsonNode change = Journeys.expect(200, Http.postJson("/api/opt-outs", custodian,
                Map.of("patientIds", List.of(nhsNumber.substring(0, 3) + " " + nhsNumber.substring(3, 6) + " "
                        + nhsNumber.substring(6)), "source", "Opt-out extract for the test"))).json();
        assertEquals(1, change.get("added").size());
        assertTrue(Http.postJson("/api/opt-outs/checks", custodian, Map.of("patientId", nhsNumber)).json()
                .get("registered").asBoolean());
        Journeys.expect(202, Http.postJson(counts, member, "{}"));
        Thread.sleep(100);
        JsonNode after = awaitCount(id, member);
        assertEquals("9", after.get("patients").asText(), after.toString());

        // A cohort of the 5 women among the 10 patients is 7 or fewer: suppressed, never shown. The second
        // collection is counted with its own criteria (none), not the first's: all of its 10 patients.
        broker.generate("demo-brain-mr", "--modality", "MR", "--body-part", "HEAD", "--patients", "10",
                "--studies-per-patient", "1", "--images-per-series", "2", "--seed", "20261128");
        Map<String, Object> women = PortalApiIT.completeDraft("Women only");
        women.put("datasets", List.of(Map.of("datasetId", "demo-chest-ct", "modalities", "CT", "bodyParts", "CHEST",
                "sex", "FEMALE"), Map.of("datasetId", "demo-brain-mr")));
        String lead = Http.userToken("researcher");
        long small = PortalApiIT.create(lead, women);
        Journeys.expect(200, Http.postJson("/api/applications/" + small + "/submit", lead, "{}"));
        Journeys.screen(small, "complete", null);
        Journeys.expect(200, Journeys.declare(small, "dacmember", false));
        Journeys.expect(202, Http.postJson("/api/applications/" + small + "/cohort-counts", member, "{}"));
        List<JsonNode> both = awaitCounts(small, member);
        assertEquals(List.of("demo-chest-ct", "demo-brain-mr"), both.stream().map(c -> c.get("datasetId").asText()).toList());
        assertEquals("10", both.get(1).get("patients").asText(), both.get(1).toString());
        JsonNode suppressed = both.get(0);
        assertEquals("≤7", suppressed.get("patients").asText(), suppressed.toString());
        assertFalse(suppressed.get("breakdown").asText().matches(".*(?<!≤)\\b[1-7]\\b.*"), "a small count leaked: "
                + suppressed);

        Journeys.expect(200, Http.postJson("/api/opt-outs/removals", custodian,
                Map.of("patientId", nhsNumber, "reason", "The patient withdrew the opt-out.")));
        assertFalse(Http.postJson("/api/opt-outs/checks", custodian, Map.of("patientId", nhsNumber)).json()
                .get("registered").asBoolean());

        // The audit trail holds a fingerprint of the identifier, never the identifier.
        JsonNode audit = Http.get("/api/audit/records?action=opt-out&max=50", Http.userToken("auditor")).json();
        assertTrue(audit.size() >= 2, audit.toString());
        assertFalse(audit.toString().contains(nhsNumber), audit.toString());
    }

    @Test
    void onlyCustodiansKeepTheRegisterAndOnlyReviewersCount() {
        for (String who : new String[] {"researcher", "dacmember", "dacchair", "auditor", "admin"}) {
            String token = Http.userToken(who);
            assertEquals(403, Http.postJson("/api/opt-outs", token,
                    Map.of("patientIds", List.of("9990000018"), "source", "x")).status(), who);
            assertEquals(403, Http.get("/api/opt-outs", token).status(), who);
        }
        String custodian = Http.userToken("custodian");
        Reply bad = Http.postJson("/api/opt-outs", custodian, Map.of("patientIds", List.of("not an id!"), "source", "x"));
        assertEquals(422, bad.status(), bad.body());
        assertTrue(bad.json().get("problems").has("patientIds[0]"), bad.body());
        Reply noSource = Http.postJson("/api/opt-outs", custodian, Map.of("patientIds", List.of("9990000018", "?")));
        assertEquals(422, noSource.status(), noSource.body());
        assertEquals(List.of("patientIds[1]", "source"), fieldsOf(noSource), "every problem at once, in order");
        assertTrue(noSource.json().get("error").asText().startsWith("The opt-out register was not changed: Line 2 is"
                + " not a patient identifier"), noSource.body());
        Reply noReason = Http.postJson("/api/opt-outs/removals", custodian, Map.of("patientId", " "));
        assertEquals(List.of("patientId", "reason"), fieldsOf(noReason), noReason.body());
        assertEquals("Give the patient's NHS number or the archive's patient ID.",
                noReason.json().get("problems").get("patientId").asText());
        assertEquals(422, Http.postJson("/api/opt-outs/removals", custodian,
                Map.of("patientId", "9990000026", "reason", "not there")).status());

        long id = Journeys.underReview(Http.userToken("researcher"), "Counting refused");
        String counts = "/api/applications/" + id + "/cohort-counts";
        assertEquals(403, Http.postJson(counts, Http.userToken("researcher"), "{}").status());
        assertEquals(403, Http.postJson(counts, Http.userToken("dacmember2"), "{}").status(), "undeclared member");
        Journeys.expect(200, Journeys.declare(id, "dacmember2", true));
        assertEquals(403, Http.postJson(counts, Http.userToken("dacmember2"), "{}").status(), "conflicted member");
        assertEquals(403, Http.get(counts, Http.userToken("researcher2")).status(), "outsider reads counts");
    }

    private static List<String> fieldsOf(Reply refusal) {
        assertEquals(422, refusal.status(), refusal.body());
        List<String> fields = new ArrayList<>();
        refusal.json().get("problems").fieldNames().forEachRemaining(fields::add);
        return fields;
    }

    /**
     * The custodian's page in a real browser: a bad line is refused next to the box with its line
     * number and nothing typed is lost; then a patient is added, checked and removed with a reason.
     */
    @Test
    void aCustodianKeepsTheRegisterOnTheirPage() {
        // an identifier no demo archive holds, so no count elsewhere changes
        String patient = "BROWSER-" + Long.toString(System.currentTimeMillis(), 36).toUpperCase(java.util.Locale.ROOT);
        WebDriver browser = Browser.chromium();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(Http.PORTAL + "/custodian/opt-outs.xhtml");
            Browser.signIn(browser, wait, "custodian");
            WebElement lines = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("add:patientIds")));
            lines.sendKeys(patient + "\n\nnot an id!");
            browser.findElement(By.id("add:save")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("add"),
                    "Line 3 is not a patient identifier: use an NHS number or the archive's patient ID."));
            assertTrue(browser.findElement(By.id("add")).getText().contains("Say where the opt-outs come from"),
                    "the missing source is reported at the same time");
            assertEquals(patient + "\n\nnot an id!", browser.findElement(By.id("add:patientIds")).getAttribute("value"));
            Browser.assertAccessible(browser);

            lines = browser.findElement(By.id("add:patientIds"));
            lines.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
            lines.sendKeys(patient);
            browser.findElement(By.id("add:source")).sendKeys("Opt-out extract for the browser test");
            browser.findElement(By.id("add:save")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "1 added, 0 already"));

            browser.findElement(By.id("check:patientId")).sendKeys(patient.toLowerCase(java.util.Locale.ROOT) + "?");
            browser.findElement(By.id("check:checkButton")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("check"),
                    "This is not a patient identifier"));
            WebElement check = browser.findElement(By.id("check:patientId"));
            check.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
            check.sendKeys(patient);
            browser.findElement(By.id("check:checkButton")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("checkResult"), "On the register."));

            browser.findElement(By.id("remove:patientId")).sendKeys(patient);
            browser.findElement(By.id("remove:removeButton")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("remove"),
                    "Say why the opt-out is removed"));
            assertEquals(patient, browser.findElement(By.id("remove:patientId")).getAttribute("value"));
            browser.findElement(By.id("remove:reason")).sendKeys("The patient withdrew the opt-out.");
            browser.findElement(By.id("remove:removeButton")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Removed; register version"));
            Browser.assertAccessible(browser);
        } finally {
            browser.quit();
        }
        assertFalse(Http.postJson("/api/opt-outs/checks", Http.userToken("custodian"), Map.of("patientId", patient)).json()
                .get("registered").asBoolean());
    }
}

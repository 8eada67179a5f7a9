package uk.nip.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import uk.nip.portal.Http.Reply;

/**
 * An active project asks for more time: the committee reviews it again in a new round, the chair
 * approves, and a new agreement version takes effect once both sign, while access continues; the
 * new end date becomes the application's only then.
 * The application reaches ACTIVE through the real broker process.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AmendmentIT {

    @Deployment(testable = false)
    static WebArchive portal() {
        return PortalDeployment.builtWar().addClasses(SigningPeriodOver.class, EthicsApprovalEnds.class);
    }

    static BrokerProcess broker;

    @BeforeAll
    static void startBrokerAndMailSink() throws Exception {
        MailSink.start();
        broker = BrokerProcess.start("amendment");
    }

    @AfterAll
    static void stopBrokerAndMailSink() throws InterruptedException {
        if (broker != null) {
            broker.stop();
        }
        MailSink.stop();
    }

    private static JsonNode version(JsonNode versions, int number) {
        for (JsonNode v : versions) {
            if (v.get("version").asInt() == number) {
                return v;
            }
        }
        throw new AssertionError("No version " + number + " in " + versions);
    }

    /** The names of this person's open tasks on the application, from the portal's task list. */
    private static List<String> tasks(String user, long applicationId) {
        List<String> names = new ArrayList<>();
        for (JsonNode t : Journeys.expect(200, Http.get("/api/tasks", Http.userToken(user))).json()) {
            if (t.get("applicationId").asLong() == applicationId) {
                names.add(t.get("name").asText());
            }
        }
        return names;
    }

    private static List<String> datasets(long id, String token) {
        List<String> ids = new ArrayList<>();
        Http.get("/api/applications/" + id, token).json().get("datasets").forEach(d -> ids.add(d.get("datasetId").asText()));
        return ids;
    }

    private static List<String> audited(String reference, String action) {
        return audited("application", reference, action);
    }

    /** "actor: detail" of each audit record of this action on the object. */
    private static List<String> audited(String objectType, String reference, String action) {
        List<String> found = new ArrayList<>();
        Journeys.expect(200, Http.get("/api/audit/records?objectType=" + objectType + "&objectId=" + reference + "&max=200",
                Http.userToken("auditor"))).json().forEach(r -> {
                    if (r.get("action").asText().equals(action)) {
                        found.add(r.get("actor").asText() + ": " + r.get("detail").asText());
                    }
                });
        return found;
    }

    /** The open amendment's round: no one conflicted, both members approve, and so does the chair. */
    private static void approvedByTheCommittee(long id, String reason) {
        for (String m : new String[] {"dacmember", "dacmember2", "dacchair"}) {
            Journeys.expect(200, Journeys.declare(id, m, false));
        }
        Journeys.expect(200, Journeys.vote(id, "dacmember", "APPROVE"));
        Journeys.expect(200, Journeys.vote(id, "dacmember2", "APPROVE"));
        Journeys.expect(200, Http.postJson("/api/applications/" + id + "/amendments/decision",
                Http.userToken("dacchair"), Map.of("approve", true, "reason", reason)));
    }

    @Test
    void moreDataIsAddedAndProvisionedOnlyOnceTheNewVersionIsSigned() throws Exception {
        broker.generate("demo-brain-mr", "--modality", "MR", "--body-part", "HEAD", "--patients", "2",
                "--studies-per-patient", "1", "--images-per-series", "3", "--seed", "20261127");
        String lead = Http.userToken("researcher");
        long id = Journeys.active(lead, "Needs the brain MR collection too");
        String reference = Http.get("/api/applications/" + id, lead).json().get("reference").asText();
        String amendments = "/api/applications/" + id + "/amendments";
        assertEquals(422, Http.postJson(amendments, lead, Map.of("kind", "MORE_DATA", "description", "Again.",
                "addedDatasetIds", List.of("demo-chest-ct"))).status(), "already part of the application");
        Journeys.expect(201, Http.postJson(amendments, lead, Map.of("kind", "MORE_DATA",
                "description", "Brain MR for the comparison arm.", "addedDatasetIds", List.of("demo-brain-mr"))));
        approvedByTheCommittee(id, "The comparison arm needs it.");

        assertEquals(List.of("demo-chest-ct"), datasets(id, lead), "approved, not yet signed");
        assertEquals("APPROVED", Http.get(amendments, lead).json().get(0).get("status").asText());
        Path added = broker.projects().resolve(reference).resolve("demo-brain-mr");
        JsonNode v2 = version(Http.get(AgreementIT.agreements(id), lead).json(), 2);
        String hash = v2.get("sha256").asText();
        Journeys.expect(200, AgreementIT.sign(id, 2, lead, hash));
        assertEquals(List.of("demo-chest-ct"), datasets(id, lead), "one signature is not enough");
        assertTrue(!Files.exists(added), "nothing provisioned before both sign");
        Journeys.expect(200, AgreementIT.sign(id, 2, Http.userToken("dacchair"), hash));
        assertEquals(List.of("demo-chest-ct", "demo-brain-mr"), datasets(id, lead));

        // The broker provisions the added collection beside the first, while access stays active.
        Instant until = Instant.now().plus(Duration.ofSeconds(120));
        List<String> recorded = audited(reference, "provisioning.dataset-added");
        while (recorded.isEmpty() && Instant.now().isBefore(until)) {
            Thread.sleep(500);
            recorded = audited(reference, "provisioning.dataset-added");
        }
        assertTrue(Files.exists(added.resolve("manifest.json")), "no manifest in " + added);
        long files;
        try (Stream<Path> all = Files.walk(added)) {
            files = all.filter(f -> f.toString().endsWith(".dcm")).count();
        }
        assertEquals(6, files, "2 patients x 1 study x 3 images");
        String manifest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(added.resolve("manifest.json"))));
        assertEquals(List.of("system:broker: demo-brain-mr: 6 de-identified files provisioned, 0 quarantined, manifest "
                + manifest), recorded);
        assertEquals(1, audited(reference, "amendment.in-effect").size());
        JsonNode app = Http.get("/api/applications/" + id, lead).json();
        assertEquals("ACTIVE", app.get("state").asText());

        // Both collections, each with its own manifest, for those who may see the application only.
        JsonNode collections = Http.get("/api/applications/" + id + "/collections", Http.userToken("custodian")).json();
        assertEquals(2, collections.size(), collections.toString());
        assertEquals("demo-chest-ct", collections.get(0).get("datasetId").asText());
        assertEquals(app.get("manifestSha256").asText(), collections.get(0).get("manifestSha256").asText());
        assertEquals("demo-brain-mr", collections.get(1).get("datasetId").asText());
        assertEquals(6, collections.get(1).get("filesProvisioned").asLong());
        assertEquals(0, collections.get(1).get("filesQuarantined").asLong());
        assertEquals(manifest, collections.get(1).get("manifestSha256").asText());
        assertEquals(403, Http.get("/api/applications/" + id + "/collections", Http.userToken("researcher2")).status());
    }

    @Test
    void moreTimeIsReviewedInANewRoundAndBringsANewAgreementVersion() throws Exception {
        String lead = Http.userToken("researcher");
        long id = Journeys.active(lead, "Needs another year");
        String amendments = "/api/applications/" + id + "/amendments";
        LocalDate end = LocalDate.parse(Http.get("/api/applications/" + id, lead).json().get("endDate").asText());

        Reply early = Http.postJson(amendments, lead, Map.of("kind", "MORE_TIME", "description", "Slow recruitment.",
                "newEndDate", end.minusDays(1).toString()));
        assertEquals(422, early.status(), early.body());
        assertTrue(early.json().get("problems").has("newEndDate"), early.body());
        assertEquals(422, Http.postJson(amendments, lead, Map.of("kind", "MORE_DATA", "description", "More.",
                "addedDatasetIds", List.of("no-such-collection"))).status());
        // every field given would take effect, so one that does not belong to the kind is refused
        Reply mixed = Http.postJson(amendments, lead, Map.of("kind", "MORE_DATA", "description", "m".repeat(3801),
                "addedDatasetIds", List.of("demo-brain-mr", "demo-brain-mr"), "newEndDate", end.minusDays(1).toString()));
        assertEquals(422, mixed.status(), mixed.body());
        assertTrue(mixed.json().get("problems").get("newEndDate").asText().contains(
                "Only a 'More time' or 'Renewal' amendment changes the end date; leave it out of a 'More data'"), mixed.body());
        assertTrue(mixed.json().get("problems").get("addedDatasetIds").asText().contains("named more than once"),
                mixed.body());
        assertTrue(mixed.json().get("problems").get("description").asText().contains("Keep this to 3800 characters"),
                mixed.body());
        Reply tooLong = Http.postJson(amendments, lead, Map.of("kind", "NEW_MEMBERS", "description", "A new reader.",
                "addedMembers", List.of(Map.of("name", "n".repeat(256), "email", "reader@example.org", "role", "Reader"),
                        Map.of("name", "Unreachable Reader", "role", "Reader"),
                        Map.of("name", "Misspelt", "email", "reader.example.org"))));
        assertEquals(422, tooLong.status(), tooLong.body());
        JsonNode memberProblems = tooLong.json().get("problems");
        assertTrue(memberProblems.get("addedMembers[0].name").asText().contains("Keep this to 255 characters"),
                tooLong.body());
        assertEquals("Give an email address or platform username for new member 2.",
                memberProblems.get("addedMembers[1].email").asText());
        assertEquals("'reader.example.org' is not an email address.", memberProblems.get("addedMembers[2].email").asText());
        assertEquals("Say what new member 3 will do in the project.", memberProblems.get("addedMembers[2].role").asText());
        assertFalse(memberProblems.has("addedMembers[0].role") || memberProblems.has("addedMembers[1].role"),
                tooLong.body());
        Map<String, Object> oneMoreYear = Map.of("kind", "MORE_TIME", "description", "Recruitment of readers was slow.",
                "newEndDate", end.plusYears(1).toString());
        assertEquals(403, Http.postJson(amendments, Http.userToken("researcher2"), oneMoreYear).status());
        assertEquals(403, Http.postJson(amendments, Http.userToken("dacchair"), oneMoreYear).status());
        JsonNode amendment = Journeys.expect(201, Http.postJson(amendments, lead, oneMoreYear)).json();
        assertEquals(2, amendment.get("round").asInt());
        assertEquals(409, Http.postJson(amendments, lead, oneMoreYear).status(), "one amendment at a time");
        assertEquals("ACTIVE", Http.get("/api/applications/" + id, lead).json().get("state").asText());

        // The amendment process asks every seated member again, through the same review.
        for (String m : new String[] {"dacmember", "dacmember2", "dacchair"}) {
            assertEquals(List.of("Review and vote (amendment: more time)"), tasks(m, id), m);
        }
        // Round 2: declarations from round 1 do not carry over.
        assertEquals(403, Journeys.vote(id, "dacmember", "APPROVE").status());
        Reply tooSoon = Http.postJson(amendments + "/decision", Http.userToken("dacchair"),
                Map.of("approve", true, "reason", "Fine."));
        assertEquals(403, tooSoon.status(), "the chair has not declared in round 2: " + tooSoon.body());
        for (String m : new String[] {"dacmember", "dacmember2", "dacchair"}) {
            Journeys.expect(200, Journeys.declare(id, m, false));
        }
        Journeys.expect(200, Journeys.vote(id, "dacmember", "APPROVE"));
        assertEquals(List.of(), tasks("dacmember", id), "a vote closes the member's task");
        Reply notQuorate = Http.postJson(amendments + "/decision", Http.userToken("dacchair"),
                Map.of("approve", true, "reason", "Fine."));
        assertEquals(409, notQuorate.status(), notQuorate.body());
        // A question pauses the amendment's review as it paused the application's: the members'
        // tasks close, the chair may not decide, and the lead's answer brings the tasks back.
        String threads = "/api/applications/" + id + "/clarifications";
        long thread = Journeys.expect(200, Http.postJson(threads, Http.userToken("dacmember2"),
                Map.of("question", "What did the first year of recruitment achieve?"))).json().get("id").asLong();
        assertEquals(List.of(), tasks("dacmember2", id), "the review waits for the answer");
        String ref = Http.get("/api/applications/" + id, lead).json().get("reference").asText();
        MailSink.await("researcher@demo.nip.example", ref, "the committee asked a question");
        assertEquals("ACTIVE", Http.get("/api/applications/" + id, lead).json().get("state").asText(),
                "access continues meanwhile");
        Reply unanswered = Http.postJson(amendments + "/decision", Http.userToken("dacchair"),
                Map.of("approve", true, "reason", "Fine."));
        assertEquals(409, unanswered.status(), unanswered.body());
        assertTrue(unanswered.json().get("error").asText().contains("not yet answered"), unanswered.body());
        Journeys.expect(200, Http.postJson(threads + "/" + thread + "/replies", lead,
                Map.of("body", "Two of the three sites recruited; the third starts next month.")));
        assertEquals(List.of("Review and vote (amendment: more time)"), tasks("dacmember2", id),
                "asked again, with those who have not voted");
        assertEquals(List.of(), tasks("dacmember", id), "who has voted is not asked again");

        Journeys.expect(200, Journeys.vote(id, "dacmember2", "APPROVE"));
        assertEquals(List.of("Chair decides (amendment: more time)"), tasks("dacchair", id), "quorate: the review ends, the chair decides");
        assertEquals(403, Http.postJson(amendments + "/decision", Http.userToken("dacmember"),
                Map.of("approve", true, "reason", "Fine.")).status());
        JsonNode decided = Journeys.expect(200, Http.postJson(amendments + "/decision", Http.userToken("dacchair"),
                Map.of("approve", true, "reason", "One more year; report progress at six months."))).json();
        assertEquals("APPROVED", decided.get("status").asText());
        assertEquals(List.of(), tasks("dacchair", id));
        String reference = Http.get("/api/applications/" + id, lead).json().get("reference").asText();
        MailSink.Mail told = MailSink.await("researcher@demo.nip.example", reference, "amendment approved");
        assertTrue(told.body().contains("More time: end date " + end.plusYears(1) + ")"), told.body());
        assertTrue(told.body().contains("until then the current one governs your access"), told.body());
        assertTrue(MailSink.await("researcher@demo.nip.example", reference, "agreement version 2 ready to sign")
                .body().contains("Version 2 of the data-sharing agreement"));
        assertEquals(end.toString(), Http.get("/api/applications/" + id, lead).json().get("endDate").asText(),
                "approved but not yet signed: the end date in effect has not moved");
        // a second change now would have its own version supersede this one's, and this approval would be lost
        Reply second = Http.postJson(amendments, lead, Map.of("kind", "NEW_MEMBERS", "description", "A new reader.",
                "addedMembers", List.of(Map.of("name", "Third Reader"))));
        assertEquals(409, second.status(), second.body());
        assertTrue(second.json().get("error").asText().contains("waits for both signatures"), second.body());

        // Version 2 awaits signatures while version 1 still governs access.
        JsonNode versions = Http.get(AgreementIT.agreements(id), lead).json();
        assertEquals(2, versions.size(), versions.toString());
        assertEquals("IN_EFFECT", version(versions, 1).get("status").asText(), versions.toString());
        assertEquals("AWAITING_SIGNATURES", version(versions, 2).get("status").asText(), versions.toString());
        assertEquals(end.plusYears(1).toString(), version(versions, 2).get("expiryDate").asText());
        String hash = version(versions, 2).get("sha256").asText();
        Journeys.expect(200, AgreementIT.sign(id, 2, lead, hash));
        assertEquals(end.toString(), Http.get("/api/applications/" + id, lead).json().get("endDate").asText(),
                "one signature is not enough");
        Journeys.expect(200, AgreementIT.sign(id, 2, Http.userToken("dacchair"), hash));
        assertEquals(end.plusYears(1).toString(),
                Http.get("/api/applications/" + id, lead).json().get("endDate").asText(), "in effect once both signed");
        assertEquals(List.of("system:workflow: More time: end date " + end.plusYears(1)
                + " in effect with agreement version 2"), audited(reference, "amendment.in-effect"));
        assertEquals("IN_EFFECT", Http.get(amendments, lead).json().get(0).get("status").asText());
        versions = Http.get(AgreementIT.agreements(id), lead).json();
        assertEquals("SUPERSEDED", version(versions, 1).get("status").asText(), versions.toString());
        assertEquals("IN_EFFECT", version(versions, 2).get("status").asText(), versions.toString());
        assertEquals(200, Http.getBytes(AgreementIT.agreements(id) + "/1/pdf", lead).statusCode(),
                "old versions stay readable");
        assertEquals("ACTIVE", Http.get("/api/applications/" + id, lead).json().get("state").asText());

        List<String> steps = new ArrayList<>();
        Http.get("/api/applications/" + id + "/history", lead).json().forEach(e -> steps.add(e.get("action").asText()));
        assertTrue(steps.containsAll(List.of("REQUEST_AMENDMENT", "APPROVE_AMENDMENT")), steps.toString());
        assertEquals(1, steps.stream().filter("START_PROVISIONING"::equals).count(), "no reprovisioning: " + steps);
    }

    /**
     * The ethics approval ends: access is suspended and the data kept. A custodian, having seen
     * the renewed approval, records it: access resumes and the new expiry date is watched. A
     * renewal recorded before that one ends keeps access active, and the team sees it too.
     */
    @Test
    void aRenewedEthicsApprovalRecordedByACustodianResumesSuspendedAccess() throws Exception {
        String lead = Http.userToken("researcher");
        long id = Journeys.active(lead, "Ethics approval renewed");
        String reference = Http.get("/api/applications/" + id, lead).json().get("reference").asText();
        String support = "/test-support/ethics-approval?reference=" + reference;
        Journeys.expect(204, Http.post(support, null, "application/x-www-form-urlencoded", ""));
        assertEquals("SUSPENDED", Http.get("/api/applications/" + id, lead).json().get("state").asText());
        assertTrue(MailSink.await("researcher@demo.nip.example", reference, "access suspended").body()
                .contains("send the renewed ethics approval to the platform's data custodians"));

        String renewal = "/api/applications/" + id + "/ethics-approval";
        String custodian = Http.userToken("custodian");
        LocalDate until = LocalDate.now(java.time.ZoneOffset.UTC).plusYears(2);
        Map<String, Object> renewed = Map.of("ethicsReference", "IRAS 777777", "ethicsExpiry", until.toString());
        assertEquals(403, Http.postJson(renewal, lead, renewed).status(), "the team cannot vouch for its own approval");
        assertEquals(403, Http.postJson(renewal, Http.userToken("dacchair"), renewed).status());
        Reply notADate = Http.postJson(renewal, custodian, Map.of("ethicsReference", "IRAS 777777", "ethicsExpiry", "next year"));
        assertEquals(422, notADate.status(), notADate.body());
        assertTrue(notADate.json().get("problems").get("ethicsExpiry").asText().contains("is not a date"), notADate.body());
        Reply expired = Http.postJson(renewal, custodian, Map.of("ethicsReference", " ",
                "ethicsExpiry", until.minusYears(3).toString()));
        assertEquals(422, expired.status(), expired.body());
        assertTrue(expired.json().get("problems").has("ethicsReference"), expired.body());
        assertTrue(expired.json().get("problems").get("ethicsExpiry").asText().contains("must not have expired"),
                expired.body());
        assertEquals("SUSPENDED", Http.get("/api/applications/" + id, lead).json().get("state").asText());

        JsonNode resumed = Journeys.expect(200, Http.postJson(renewal, custodian, renewed)).json();
        assertEquals("ACTIVE", resumed.get("state").asText());
        JsonNode app = Http.get("/api/applications/" + id, lead).json();
        assertEquals("IRAS 777777", app.get("ethicsReference").asText());
        assertEquals(until.toString(), app.get("ethicsExpiry").asText());
        JsonNode history = Http.get("/api/applications/" + id + "/history", lead).json();
        JsonNode last = history.get(history.size() - 1);
        assertEquals("RESUME", last.get("action").asText());
        assertTrue(last.get("reason").asText().startsWith("Ethics approval renewed: IRAS 777777 until " + until),
                last.toString());
        List<String> renewals = audited("agreement", reference, "agreement.ethics-renewed");
        assertEquals(1, renewals.size(), renewals.toString());
        assertTrue(renewals.get(0).startsWith("custodian: Ethics approval renewed: IRAS 777777 until " + until),
                renewals.get(0));
        assertEquals(until.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toString(),
                Http.get(support, null).body(), "the process watches the renewed approval's expiry");
        assertTrue(MailSink.await("researcher@demo.nip.example", reference, "access resumed").body()
                .contains("IRAS 777777, until " + until));

        // renewed again before it ends: access stays active, and the team's history shows the new date
        Map<String, Object> early = Map.of("ethicsReference", "IRAS 888888", "ethicsExpiry", until.plusYears(1).toString());
        assertEquals("ACTIVE", Journeys.expect(200, Http.postJson(renewal, custodian, early)).json().get("state").asText());
        JsonNode after = Http.get("/api/applications/" + id + "/history", lead).json();
        assertEquals(history.size() + 1, after.size(), after.toString());
        JsonNode renewedEarly = after.get(after.size() - 1);
        assertEquals("RENEW_ETHICS_APPROVAL", renewedEarly.get("action").asText());
        assertEquals("ACTIVE", renewedEarly.get("toState").asText(), renewedEarly.toString());
        assertTrue(renewedEarly.get("reason").asText().startsWith("Ethics approval renewed: IRAS 888888 until "
                + until.plusYears(1) + " (was IRAS 777777 until " + until + ")"), renewedEarly.toString());
        assertTrue(MailSink.await("researcher@demo.nip.example", reference, "ethics approval renewed").body()
                .contains("IRAS 888888, until " + until.plusYears(1) + "). Access continues"));
    }

    /**
     * The custodian's form in a real browser: a date already past is refused next to its field and
     * nothing chosen or typed is lost; corrected, the suspended project resumes.
     */
    @Test
    void aCustodianRecordsARenewedApprovalOnTheirPage() throws Exception {
        String lead = Http.userToken("researcher");
        long id = Journeys.active(lead, "Renewed on the custodian's page");
        String reference = Http.get("/api/applications/" + id, lead).json().get("reference").asText();
        Journeys.expect(204, Http.post("/test-support/ethics-approval?reference=" + reference, null,
                "application/x-www-form-urlencoded", ""));
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        WebDriver browser = Browser.chromium();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(Http.PORTAL + "/custodian/");
            Browser.signIn(browser, wait, "custodian");
            Select project = new Select(wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.id("ethics:applicationId"))));
            project.selectByValue(String.valueOf(id));
            String chosen = project.getFirstSelectedOption().getText();
            assertTrue(chosen.startsWith(reference + ": Renewed on the custodian's page (Suspended; approval "), chosen);
            browser.findElement(By.id("ethics:ethicsReference")).sendKeys("IRAS 654321");
            browser.findElement(By.id("ethics:ethicsExpiry_input")).sendKeys(today.minusDays(3).toString());
            browser.findElement(By.id("ethics:record")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ethics"), "must not have expired"));
            assertEquals(String.valueOf(id), new Select(browser.findElement(By.id("ethics:applicationId")))
                    .getFirstSelectedOption().getAttribute("value"), "the project chosen survives the refusal");
            assertEquals("IRAS 654321", browser.findElement(By.id("ethics:ethicsReference")).getAttribute("value"));
            assertEquals("SUSPENDED", Http.get("/api/applications/" + id, lead).json().get("state").asText());
            Browser.assertAccessible(browser);

            WebElement expiry = browser.findElement(By.id("ethics:ethicsExpiry_input"));
            // select and type over: the date picker puts back a value clear() removes
            expiry.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
            expiry.sendKeys(today.plusYears(2).toString());
            browser.findElement(By.id("ethics:record")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Renewed ethics approval"
                    + " recorded for " + reference + ": it is active, with approval until " + today.plusYears(2) + "."));
            assertEquals("ACTIVE", Http.get("/api/applications/" + id, lead).json().get("state").asText());
            assertEquals("", browser.findElement(By.id("ethics:ethicsReference")).getAttribute("value"),
                    "the form is ready for the next project");
        } finally {
            browser.quit();
        }
    }

    /**
     * The amendments page in a real browser: a new member without a role is refused with the reason
     * and everything typed stays; with the role the amendment goes to the committee.
     */
    @Test
    void theLeadAsksForANewTeamMemberOnTheAmendmentsPage() throws Exception {
        String lead = Http.userToken("researcher");
        long id = Journeys.active(lead, "Amended on the page");
        String reference = Http.get("/api/applications/" + id, lead).json().get("reference").asText();
        WebDriver browser = Browser.chromium();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(Http.PORTAL + "/researcher/amendments.xhtml?application=" + id);
            Browser.signIn(browser, wait, "researcher");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page"),
                    "Amendments and renewal of " + reference));
            Browser.choose(browser, "amend:kind", "New team members");
            browser.findElement(By.id("amend:description")).sendKeys("A second reader for the disagreements.");
            browser.findElement(By.id("amend:addedMembers")).sendKeys("Dana Reader");
            browser.findElement(By.id("amend:memberEmail")).sendKeys("dana@example.org");
            browser.findElement(By.id("amend:send")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"),
                    "Say what new member 1 will do in the project."));
            assertEquals("Dana Reader", browser.findElement(By.id("amend:addedMembers")).getAttribute("value"));
            assertEquals("dana@example.org", browser.findElement(By.id("amend:memberEmail")).getAttribute("value"));
            assertEquals("New team members", browser.findElement(By.id("amend:kind_label")).getText(),
                    "the kind chosen survives the refusal");
            assertEquals(0, Http.get("/api/applications/" + id + "/amendments", lead).json().size());
            Browser.assertAccessible(browser);

            browser.findElement(By.id("amend:memberRole")).sendKeys("Second reader");
            browser.findElement(By.id("amend:send")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Amendment sent to the"
                    + " committee: New team members: members Dana Reader (Second reader)."));
            JsonNode sent = Http.get("/api/applications/" + id + "/amendments", lead).json();
            assertEquals(1, sent.size(), sent.toString());
            assertEquals("UNDER_REVIEW", sent.get(0).get("status").asText(), sent.toString());
            assertTrue(browser.findElement(By.id("amendments")).getText().contains("Dana Reader (Second reader)"));
            Browser.assertAccessible(browser);
        } finally {
            browser.quit();
        }
    }

    /**
     * A member the amendment proposes for the team cannot review it; a revocation closes the
     * amendment, and the committee is no longer asked about it.
     */
    @Test
    void anAmendmentUnderReviewIsClosedWhenAccessIsRevoked() throws Exception {
        String lead = Http.userToken("researcher");
        long id = Journeys.active(lead, "Revoked while amending");
        String reference = Http.get("/api/applications/" + id, lead).json().get("reference").asText();
        String amendments = "/api/applications/" + id + "/amendments";
        Journeys.expect(201, Http.postJson(amendments, lead, Map.of("kind", "NEW_MEMBERS",
                "description", "A second reader.", "addedMembers",
                List.of(Map.of("name", "Dana Reader", "username", "dacmember2", "email", "dana@example.org",
                        "role", "Second reader")))));
        Reply proposed = Journeys.declare(id, "dacmember2", false);
        assertEquals(403, proposed.status(), proposed.body());
        assertTrue(proposed.body().contains("proposed for it in the amendment under review"), proposed.body());
        assertTrue(Http.get("/api/committees/awaiting-declaration", Http.userToken("dacmember")).body()
                .contains("\"" + reference + "\""));

        // the chair declares for the amendment's round, as for any decision on the application
        Journeys.expect(200, Journeys.declare(id, "dacchair", false));
        Journeys.expect(200, RevocationIT.revoke(id, Http.userToken("dacchair"), "BREACH"));
        assertEquals("CLOSED", Http.get(amendments, lead).json().get(0).get("status").asText());
        assertEquals(List.of("dacchair: New team members: members Dana Reader (Second reader): closed before it took effect; "
                + "access was revoked (Breach of the agreement)"), audited(reference, "amendment.close"));
        assertFalse(Http.get("/api/committees/awaiting-declaration", Http.userToken("dacmember")).body()
                .contains("\"" + reference + "\""), "the committee is no longer asked to review it");
    }

    /**
     * Nobody signs the amended version: when the signing period is over, the workflow lapses it and
     * the amendment, version 1 still governs, and the lead may ask again. The period's timer is
     * run inside the server ({@link SigningPeriodOver}) rather than waited out.
     */
    @Test
    void anAmendedVersionLeftUnsignedLapsesAndTheVersionInEffectStillGoverns() throws Exception {
        String lead = Http.userToken("researcher");
        long id = Journeys.active(lead, "Asks for more time and never signs");
        String reference = Http.get("/api/applications/" + id, lead).json().get("reference").asText();
        String amendments = "/api/applications/" + id + "/amendments";
        String end = Http.get("/api/applications/" + id, lead).json().get("endDate").asText();
        Map<String, Object> later = Map.of("kind", "MORE_TIME", "description", "Readers were slow.",
                "newEndDate", LocalDate.parse(end).plusMonths(6).toString());
        Journeys.expect(201, Http.postJson(amendments, lead, later));
        approvedByTheCommittee(id, "Six more months.");
        assertEquals("AWAITING_SIGNATURES", version(Http.get(AgreementIT.agreements(id), lead).json(), 2).get("status").asText());

        // a version issued by hand now would leave version 2 unsignable and the amendment stuck until it lapses
        Reply byHand = Http.postJson(AgreementIT.agreements(id), Http.userToken("dacchair"),
                Map.of("reason", "New clause wording"));
        assertEquals(409, byHand.status(), byHand.body());
        assertTrue(byHand.body().contains("Agreement version 2 of " + reference + " carries the approved amendment"),
                byHand.body());
        assertEquals(2, Http.get(AgreementIT.agreements(id), lead).json().size(), "nothing was issued");
        assertEquals("AWAITING_SIGNATURES", version(Http.get(AgreementIT.agreements(id), lead).json(), 2).get("status").asText());

        Journeys.expect(204, Http.post("/test-support/amendment-signing-period-over?reference=" + reference, null,
                "application/x-www-form-urlencoded", ""));

        JsonNode versions = Http.get(AgreementIT.agreements(id), lead).json();
        assertEquals("IN_EFFECT", version(versions, 1).get("status").asText(), versions.toString());
        assertEquals("LAPSED", version(versions, 2).get("status").asText(), versions.toString());
        assertEquals("LAPSED", Http.get(amendments, lead).json().get(0).get("status").asText());
        JsonNode app = Http.get("/api/applications/" + id, lead).json();
        assertEquals("ACTIVE", app.get("state").asText(), "access continues under version 1");
        assertEquals(end, app.get("endDate").asText(), "nothing changed");
        assertEquals(List.of("system:workflow: More time: end date " + LocalDate.parse(end).plusMonths(6)
                + ": its agreement version was not signed in time; nothing changed"),
                audited(reference, "amendment.lapse"));
        assertEquals(409, AgreementIT.sign(id, 2, lead, version(versions, 2).get("sha256").asText()).status(),
                "a lapsed version can no longer be signed");
        Journeys.expect(201, Http.postJson(amendments, lead, later));
    }
}

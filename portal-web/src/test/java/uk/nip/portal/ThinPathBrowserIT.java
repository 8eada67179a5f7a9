package uk.nip.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The walking skeleton's thin path, all real: a researcher signs in on Keycloak's own login page
 * in Chromium and submits; the chair signs in and approves; the broker, running as its own
 * process, de-identifies the demo dataset; the application becomes active and the public
 * register shows it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ThinPathBrowserIT {

    @Deployment(testable = false)
    static WebArchive portal() {
        return PortalDeployment.builtWar();
    }

    static BrokerProcess broker;
    WebDriver browser;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = BrokerProcess.start("thin-path");
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.stop();
        }
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aResearchersApplicationIsApprovedProvisionedByTheBrokerAndPublished() throws Exception {
        browser = Browser.chromium();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        browser.get(Http.PORTAL + "/researcher/");
        Browser.signIn(browser, wait, "researcher");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("draft:title")));
        type("draft:title", "Early detection of lung nodules");
        type("draft:laySummary", "We will teach a computer to find small lung nodules.");
        type("draft:technicalSummary", "A 3D convolutional network on de-identified chest CT.");
        type("draft:publicBenefit", "Earlier lung cancer diagnosis.");
        choose("draft:purpose", "ALGORITHM_TRAINING");
        choose("draft:commercial", "false");
        type("draft:organisation", "University of Exampleton");
        choose("draft:sector", "ACADEMIC");
        type("draft:ethicsReference", "IRAS 123456");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        type("draft:ethicsExpiry_input", today.plusYears(2).toString());
        choose("draft:article6", "E_PUBLIC_TASK");
        choose("draft:article9", "J_ARCHIVING_RESEARCH_STATISTICS");
        choose("draft:datasets:0:datasetId", "demo-chest-ct");
        type("draft:minimisationJustification", "Chest CT only; nothing else is needed.");
        type("draft:compute_cpuCores", "8");
        type("draft:compute_gpus", "1");
        type("draft:compute_storageGb", "100");
        type("draft:compute_months", "12");
        type("draft:startDate_input", today.plusMonths(1).toString());
        type("draft:endDate_input", today.plusMonths(13).toString());
        browser.findElement(By.id("draft:submit")).click();
        String message = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#messages li.info"))).getText();
        Matcher m = Pattern.compile("(NIP-\\d{4}-\\d{4}) submitted").matcher(message);
        assertTrue(m.find(), message);
        String reference = m.group(1);

        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlToBe(Http.PORTAL + "/"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));

        // The custodian screens it and two members review it, through the API.
        long id = idOf(reference);
        Journeys.screen(id, "complete", null);
        for (String member : new String[] {"dacmember", "dacmember2"}) {
            Journeys.expect(200, Journeys.declare(id, member, false));
            Journeys.expect(200, Journeys.vote(id, member, "APPROVE"));
        }

        // The chair declares no conflict, opens the review and decides, in the browser.
        browser.get(Http.PORTAL + "/committee/");
        Browser.signIn(browser, wait, "dacchair");
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//tr[.//span[@class='reference' and text()='"
                + reference + "']]//button[contains(@id,'noConflict')]"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "No conflict recorded for "
                + reference));
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Decide on " + reference))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("tally"), "2 approve"));
        browser.findElement(By.id("decision:reason")).sendKeys("Approved on condition that results are published.");
        browser.findElement(By.id("decision:approve")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), reference + " approved"));
        // Approval issues agreement version 1 in the same transaction, so the page shows it pending signatures.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("state"), "Agreement pending"));

        // The workflow issued agreement version 1 on approval; the lead and the chair sign it through the API.
        Journeys.agreementSigned(id);

        JsonNode entry = awaitRegisterEntry(reference, "Active", Duration.ofSeconds(180));
        assertEquals("Early detection of lung nodules", entry.get("projectTitle").asText());
        assertEquals("Demo chest CT collection", entry.get("datasetNames").asText());

        browser.get(Http.PORTAL + "/register");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("register:entries"), reference));

        String researcherToken = Http.userToken("researcher");
        JsonNode active = Http.get("/api/applications/" + id, researcherToken).json();
        assertTrue(active.get("provisionedFiles").asLong() > 0, active.toString());
        assertEquals(64, active.get("manifestSha256").asText().length());

        // The lead's list shows what was provisioned, collection by collection.
        Browser.signOut(browser, wait);
        browser.get(Http.PORTAL + "/researcher/");
        Browser.signIn(browser, wait, "researcher");
        By row = By.xpath("//tr[.//span[@class='reference' and text()='" + reference + "']]//div[@class='collection']");
        assertEquals("demo-chest-ct: " + active.get("provisionedFiles").asLong(),
                wait.until(ExpectedConditions.visibilityOfElementLocated(row)).getText());

        List<String> actions = new ArrayList<>();
        List<String> actors = new ArrayList<>();
        for (JsonNode e : Http.get("/api/applications/" + id + "/history", researcherToken).json()) {
            actions.add(e.get("action").asText());
            actors.add(e.get("actor").asText());
        }
        assertEquals(List.of("CREATE", "SUBMIT", "START_SCREENING", "SEND_TO_REVIEW", "APPROVE", "ISSUE_AGREEMENT",
                "SIGN_AGREEMENT", "START_PROVISIONING", "ACTIVATE"), actions);
        assertEquals(List.of("researcher", "researcher", "custodian", "custodian", "dacchair"), actors.subList(0, 5));

        Path output = broker.projects().resolve(reference);
        try (Stream<Path> files = Files.walk(output)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.contains("manifest.json"), "no manifest in " + output);
            assertTrue(names.stream().anyMatch(n -> n.endsWith(".dcm")), "no DICOM files in " + output);
        }

        JsonNode audit = Http.get("/api/audit/records?max=1000", Http.userToken("auditor")).json();
        List<String> audited = new ArrayList<>();
        for (JsonNode r : audit) {
            if (r.get("objectId").asText().equals(reference)) {
                audited.add(r.get("action").asText());
            }
        }
        assertTrue(audited.containsAll(List.of("application.create", "application.submit", "application.approve",
                "application.start-provisioning", "application.activate")), audited.toString());
    }

    private static long idOf(String reference) {
        for (JsonNode a : Http.get("/api/applications", Http.userToken("researcher")).json()) {
            if (a.get("reference").asText().equals(reference)) {
                return a.get("id").asLong();
            }
        }
        throw new AssertionError("The researcher cannot see " + reference);
    }

    @Test
    void submittingAnIncompleteApplicationShowsEachProblemNextToItsField() throws IOException {
        browser = Browser.chromium();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(Http.PORTAL + "/researcher/");
        Browser.signIn(browser, wait, "researcher");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("draft:title")));
        type("draft:title", "Half-finished in the browser");
        browser.findElement(By.id("draft:addMember")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("draft:team:0:orcid")));
        type("draft:team:0:name", "Ravi Rao");
        type("draft:team:0:username", "researcher2");
        type("draft:team:0:role", "Data scientist");
        type("draft:team:0:orcid", "0000-0002-1825-0098");
        browser.findElement(By.id("draft:submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "problems to fix"));
        assertTrue(messageNextTo("draft:team:0:orcid").contains("wrong check character"));
        assertTrue(messageNextTo("draft:laySummary").contains("lay summary"));
        assertTrue(messageNextTo("draft:ethicsExpiry_input").contains("ethics approval expires"));
        assertTrue(messageNextTo("draft:compute_cpuCores").contains("CPU cores"));
        assertEquals("Ravi Rao", browser.findElement(By.id("draft:team:0:name")).getAttribute("value"),
                "the draft keeps what was typed");
        Browser.assertAccessible(browser);

        Path pdf = broker.work.resolve("ethics-letter.pdf");
        Files.writeString(pdf, "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n");
        browser.findElement(By.id("documents:document_input")).sendKeys(pdf.toAbsolutePath().toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("documents:list"), "ethics-letter.pdf"));
        Path notPdf = broker.work.resolve("notes.pdf");
        Files.writeString(notPdf, "just some notes");
        browser.findElement(By.id("documents:document_input")).sendKeys(notPdf.toAbsolutePath().toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("documents"), "is not a PDF"));

        // The team member named by username reads the draft and its documents, and cannot edit it.
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
        browser.get(Http.PORTAL + "/researcher/");
        Browser.signIn(browser, wait, "researcher2");
        String row = "(//tr[td[text()='Half-finished in the browser']])[1]";
        WebElement shared = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(row)));
        assertTrue(shared.getText().contains("Team member (read only)"), shared.getText());
        assertTrue(shared.findElements(By.xpath(".//button[contains(@id,':edit')]")).isEmpty());
        shared.findElement(By.xpath(".//button[contains(@id,':view')]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("details"), "ethics-letter.pdf"));
        assertTrue(browser.findElement(By.id("details")).getText().contains("Ravi Rao (Data scientist)"));
    }

    /**
     * A returned application shows the custodian's note and its history; withdrawing another
     * application leaves the draft being typed as it is.
     */
    @Test
    void aReturnedApplicationSaysWhyAndWithdrawingAnotherKeepsTheDraftBeingTyped() {
        String lead = Http.userToken("researcher");
        long returned = Journeys.submitted(lead, "Returned in the browser");
        Journeys.screen(returned, "return", "Attach the ethics approval letter.");
        long other = Journeys.submitted(lead, "Withdrawn in the browser");
        String returnedRef = Http.get("/api/applications/" + returned, lead).json().get("reference").asText();
        String otherRef = Http.get("/api/applications/" + other, lead).json().get("reference").asText();

        browser = Browser.chromium();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(Http.PORTAL + "/researcher/");
        Browser.signIn(browser, wait, "researcher");
        wait.until(ExpectedConditions.elementToBeClickable(Browser.row(returnedRef, "view"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("history"), "Attach the ethics approval letter."));
        String history = browser.findElement(By.id("history")).getText();
        assertTrue(history.contains("return to applicant") && history.contains("a data custodian"), history);
        assertTrue(history.contains("submit") && history.contains("you"), history);
        Browser.assertAccessible(browser);

        type("draft:title", "A new application, not saved yet");
        type("applications:reason", "Superseded by a new application.");
        browser.findElement(Browser.row(otherRef, "withdraw")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), otherRef + " withdrawn"));
        assertEquals("A new application, not saved yet", browser.findElement(By.id("draft:title")).getAttribute("value"));
    }

    /** A save that does not reach the portal (here: the session has ended) says so, and the text stays. */
    @Test
    void aSaveThatCannotReachThePortalSaysSoAndKeepsTheText() {
        browser = Browser.chromium();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(Http.PORTAL + "/researcher/");
        Browser.signIn(browser, wait, "researcher");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("draft:title")));
        assertFalse(browser.findElement(By.id("request-failed")).isDisplayed(), "no notice before anything failed");
        type("draft:laySummary", "Half an hour of careful writing.");
        browser.manage().deleteCookieNamed("JSESSIONID");
        browser.findElement(By.id("draft:save")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("request-failed")));
        assertTrue(browser.findElement(By.id("request-failed")).getText().contains("Nothing on this page has been lost"));
        assertEquals("Half an hour of careful writing.", browser.findElement(By.id("draft:laySummary")).getAttribute("value"));
    }

    /** The text of the field message that follows the input (each field's p:message comes right after it). */
    private String messageNextTo(String inputId) {
        return browser.findElement(By.xpath("//*[@id='" + inputId + "']/following::div[contains(concat(' ', @class,"
                + " ' '), ' ui-message ')][1]")).getText();
    }

    private void type(String id, String text) {
        browser.findElement(By.id(id)).sendKeys(text);
    }

    private void choose(String id, String value) {
        new Select(browser.findElement(By.id(id))).selectByValue(value);
    }


    private static JsonNode awaitRegisterEntry(String reference, String status, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            for (JsonNode e : Http.get("/api/register", null).json()) {
                if (e.get("projectId").asText().equals(reference)) {
                    last = e.get("status").asText();
                    if (last.equals(status)) {
                        return e;
                    }
                }
            }
            if (!broker.isAlive()) {
                throw new AssertionError("The broker exited with " + broker.exitValue() + " while " + reference
                        + " was '" + last + "'. Broker log: " + broker.work.resolve("broker.log"));
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(reference + " did not reach '" + status + "' on the register; last seen: '" + last
                + "'. Broker log: " + broker.work.resolve("broker.log"));
    }
}

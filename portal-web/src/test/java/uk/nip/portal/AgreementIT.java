package uk.nip.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import uk.nip.governance.agreement.AgreementPdf;
import uk.nip.portal.Http.Reply;

/**
 * Data-sharing agreements against the real server, workflow engine and Keycloak: the workflow issues
 * version 1 on approval, the lead and a chair sign the document's hash, the agreement takes effect
 * and provisioning starts; everyone else is refused; revocation records its ground; all is audited.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AgreementIT {

    @Deployment(testable = false)
    static WebArchive portal() {
        return PortalDeployment.builtWar();
    }

    static String researcher;
    static String researcher2;
    static String chair;
    static String member;
    static String custodian;
    static String auditor;

    @BeforeAll
    static void signIn() {
        researcher = Http.userToken("researcher");
        researcher2 = Http.userToken("researcher2");
        chair = Http.userToken("dacchair");
        member = Http.userToken("dacmember");
        custodian = Http.userToken("custodian");
        auditor = Http.userToken("auditor");
    }

    /** An application by "researcher" that the custodian screened, the committee reviewed and the chair approved. */
    static long approved(String title) {
        return Journeys.decided(researcher, title, true);
    }

    /** The versions of an application's agreement, once the workflow has issued the first. */
    static JsonNode awaitAgreements(long id, String token) throws InterruptedException {
        for (int attempt = 0; attempt < 50; attempt++) {
            Reply r = Http.get(agreements(id), token);
            assertEquals(200, r.status(), r.body());
            if (r.json().size() > 0) {
                return r.json();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The workflow issued no agreement for application " + id);
    }

    static String agreements(long id) {
        return "/api/applications/" + id + "/agreements";
    }

    static Reply sign(long id, int version, String token, String sha256) {
        return Http.postJson(agreements(id) + "/" + version + "/signatures", token, Map.of("sha256", sha256));
    }

    static String state(long id) {
        return Http.get("/api/applications/" + id, researcher).json().get("state").asText();
    }

    static List<String> auditActions(String reference) {
        Reply r = Http.get("/api/audit/records?objectType=agreement&objectId="
                + URLEncoder.encode(reference, StandardCharsets.UTF_8) + "&max=100", auditor);
        assertEquals(200, r.status(), r.body());
        List<String> actions = new ArrayList<>();
        r.json().forEach(rec -> actions.add(rec.get("action").asText() + " " + rec.get("detail").asText()));
        return actions;
    }

    @Test
    void bothPartiesSignTheDocumentTheyReadAndProvisioningStarts() throws Exception {
        long id = approved("Signed and provisioned");
        String reference = Http.get("/api/applications/" + id, researcher).json().get("reference").asText();
        JsonNode v1 = awaitAgreements(id, researcher).get(0);
        assertEquals(1, v1.get("version").asInt());
        assertEquals("AWAITING_SIGNATURES", v1.get("status").asText());
        assertFalse(v1.has("pdf"), "the listing carries no PDF bytes");
        assertEquals("AGREEMENT_PENDING", state(id));

        HttpResponse<byte[]> pdf = Http.getBytes(agreements(id) + "/1/pdf", researcher);
        assertEquals(200, pdf.statusCode());
        assertTrue(pdf.headers().firstValue("Content-Type").orElse("").startsWith("application/pdf"));
        String hash = v1.get("sha256").asText();
        assertEquals(hash, AgreementPdf.sha256(pdf.body()), "the listed hash is the SHA-256 of the PDF served");
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(text.contains(reference) && text.contains("Revocation") && text.contains("annual reports"), text);
        }

        Reply lead = sign(id, 1, researcher, hash);
        assertEquals(200, lead.status(), lead.body());
        assertEquals("AWAITING_SIGNATURES", lead.json().get("status").asText());
        assertEquals("APPLICANT", lead.json().get("signatures").get(0).get("party").asText());
        assertEquals(hash, lead.json().get("signatures").get(0).get("sha256").asText());
        Reply twice = sign(id, 1, researcher, hash);
        assertEquals(409, twice.status(), twice.body());
        assertTrue(twice.json().get("error").asText().contains("already signed"), twice.body());
        assertEquals("AGREEMENT_PENDING", state(id));

        Reply chairSigns = sign(id, 1, chair, hash.toUpperCase());
        assertEquals(200, chairSigns.status(), chairSigns.body());
        assertEquals("IN_EFFECT", chairSigns.json().get("status").asText());
        assertEquals(2, chairSigns.json().get("signatures").size());
        assertEquals(409, sign(id, 1, chair, hash).status(), "an agreement in effect is not signed again");

        // The second signature moves the application to AGREEMENT_SIGNED and the workflow straight on to provisioning.
        JsonNode history = Http.get("/api/applications/" + id + "/history", researcher).json();
        List<String> steps = new ArrayList<>();
        history.forEach(e -> steps.add(e.get("action").asText() + "->" + e.get("toState").asText()));
        int signed = steps.indexOf("SIGN_AGREEMENT->AGREEMENT_SIGNED");
        assertTrue(signed > 0 && steps.indexOf("START_PROVISIONING->PROVISIONING") > signed, steps.toString());
        assertTrue(steps.indexOf("ISSUE_AGREEMENT->AGREEMENT_PENDING") < signed, steps.toString());
        assertEquals("PROVISIONING", state(id));

        List<String> audit = auditActions(reference);
        for (String action : List.of("agreement.issue version 1", "agreement.download version 1, sha256 " + hash,
            "agreement.sign version 1, party APPLICANT, sha256 " + hash,
            "agreement.sign version 1, party COMMITTEE_CHAIR, sha256 " + hash, "agreement.in-effect version 1")) {
            assertTrue(audit.stream().anyMatch(a -> a.startsWith(action)), action + " not in " + audit);
        }
    }

    @Test
    void aSignatureForAnyOtherDocumentIsRefused() throws Exception {
        long id = approved("Wrong hash");
        String hash = awaitAgreements(id, researcher).get(0).get("sha256").asText();
        Reply wrong = sign(id, 1, researcher, "0".repeat(64));
        assertEquals(409, wrong.status(), wrong.body());
        assertTrue(wrong.json().get("error").asText().contains(hash), "the refusal names the document's hash");
        Reply malformed = sign(id, 1, researcher, "not-a-hash");
        assertEquals(422, malformed.status(), malformed.body());
        assertTrue(malformed.json().get("problems").has("sha256"), malformed.body());
        assertEquals(404, sign(id, 2, researcher, hash).status(), "there is no version 2");
        assertTrue(Http.get(agreements(id), researcher).json().get(0).get("signatures").isEmpty());
    }

    @Test
    void onlyTheLeadAndAChairSignAndOnlyThoseWhoMaySeeTheApplicationReadIt() throws Exception {
        long id = approved("Who may sign");
        String hash = awaitAgreements(id, researcher).get(0).get("sha256").asText();

        assertEquals(403, Http.get(agreements(id), researcher2).status());
        assertEquals(403, Http.getBytes(agreements(id) + "/1/pdf", researcher2).statusCode());
        assertEquals(403, sign(id, 1, researcher2, hash).status());

        Reply memberSigns = sign(id, 1, member, hash);
        assertEquals(403, memberSigns.status(), memberSigns.body());
        assertTrue(memberSigns.json().get("error").asText().contains("the chair of National imaging data access committee"),
                memberSigns.body());
        assertEquals(403, sign(id, 1, custodian, hash).status());

        assertEquals(200, Http.get(agreements(id), auditor).status());
        assertEquals(200, Http.getBytes(agreements(id) + "/1/pdf", auditor).statusCode());
        assertEquals(403, sign(id, 1, auditor, hash).status(), "auditors read and change nothing");

        assertTrue(Http.get(agreements(id), researcher).json().get(0).get("signatures").isEmpty());
        assertEquals("AGREEMENT_PENDING", state(id));
    }

    @Test
    void aChairOrCustodianRevokesWithAGroundAndAStatementAndTheGroundIsInTheHistory() throws Exception {
        long id = approved("To be revoked");
        String reference = Http.get("/api/applications/" + id, researcher).json().get("reference").asText();
        String hash = awaitAgreements(id, researcher).get(0).get("sha256").asText();
        assertEquals(200, sign(id, 1, researcher, hash).status());

        String revocation = "/api/applications/" + id + "/revocation";
        Reply noStatement = Http.postJson(revocation, chair, Map.of("ground", "BREACH"));
        assertEquals(422, noStatement.status(), noStatement.body());
        assertTrue(noStatement.json().get("problems").has("statement"), noStatement.body());
        Reply noGround = Http.postJson(revocation, chair, Map.of("statement", "Data copied to a laptop."));
        assertEquals(422, noGround.status(), noGround.body());
        assertTrue(noGround.json().get("problems").has("ground"), noGround.body());
        Reply badGround = Http.postJson(revocation, chair, Map.of("ground", "BOREDOM", "statement", "No reason."));
        assertEquals(422, badGround.status(), badGround.body());
        assertTrue(badGround.json().get("error").asText().contains("REIDENTIFICATION_RISK"), badGround.body());
        Map<String, String> breach = Map.of("ground", "BREACH", "statement", "Images were copied out of the sandbox.");
        assertEquals(403, Http.postJson(revocation, researcher, breach).status());
        assertEquals(403, Http.postJson(revocation, member, breach).status());
        assertEquals(403, Http.postJson(revocation, auditor, breach).status());
        assertEquals("AGREEMENT_PENDING", state(id));

        Reply revoked = Http.postJson(revocation, chair, breach);
        assertEquals(200, revoked.status(), revoked.body());
        assertEquals("REVOKED", revoked.json().get("state").asText());
        JsonNode history = Http.get("/api/applications/" + id + "/history", researcher).json();
        JsonNode last = history.get(history.size() - 1);
        assertEquals("REVOKE", last.get("action").asText());
        assertEquals("dacchair", last.get("actor").asText());
        assertTrue(last.get("reason").asText().contains("BREACH")
                && last.get("reason").asText().contains("copied out of the sandbox"), last.toString());
        assertEquals("REVOKED", Http.get(agreements(id), researcher).json().get(0).get("status").asText());
        assertEquals(409, sign(id, 1, chair, hash).status(), "a revoked agreement cannot be signed");
        Reply again = Http.postJson(revocation, custodian, breach);
        assertEquals(409, again.status(), "revoked once: " + again.body());

        assertTrue(auditActions(reference).stream().anyMatch(a -> a.startsWith("agreement.revoke ground BREACH")),
                auditActions(reference).toString());
    }

    @Test
    void nothingIsIssuedBeforeApprovalAndOnlyChairsIssue() {
        // Reviewed and quorate, the chair has declared no conflict, but nobody has decided yet.
        long id = Journeys.reviewed(researcher, "Reviewed, not decided", "APPROVE");
        Reply none = Http.get(agreements(id), researcher);
        assertEquals(200, none.status(), none.body());
        assertEquals(0, none.json().size());
        assertEquals(404, Http.getBytes(agreements(id) + "/1/pdf", researcher).statusCode());
        assertEquals(403, Http.get(agreements(id), researcher2).status());
        Map<String, String> reason = Map.of("reason", "Amendment: more data");
        assertEquals(403, Http.postJson(agreements(id), researcher, reason).status());
        assertEquals(403, Http.postJson(agreements(id), custodian, reason).status());
        Reply early = Http.postJson(agreements(id), chair, reason);
        assertEquals(409, early.status(), early.body());
        assertTrue(early.json().get("error").asText().contains("UNDER_REVIEW"), early.body());
        // The agreements resource shares the /api/applications root without hiding the other paths.
        assertEquals(200, Http.get("/api/applications/" + id + "/history", researcher).status());
        assertEquals(200, Http.get("/api/applications/" + id + "/documents", researcher).status());
    }

    @Test
    void theLeadAndTheChairSignOnThePageSeeingTheHashTheySign() throws Exception {
        long id = approved("Signed on the page");
        String reference = Http.get("/api/applications/" + id, researcher).json().get("reference").asText();
        String hash = awaitAgreements(id, researcher).get(0).get("sha256").asText();
        String page = Http.PORTAL + "/agreements/?application=" + id;
        WebDriver browser = Browser.chromium();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            // As from the link in the "ready to sign" mail: signing in returns to the same application.
            browser.get(page);
            Browser.signIn(browser, wait, "researcher");
            assertEquals(hash, wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-hash"))).getText());
            assertEquals(page, browser.getCurrentUrl(), "the deep link survives signing in");
            assertEquals("Data-sharing agreements for " + reference, browser.findElement(By.tagName("h1")).getText());
            assertTrue(browser.findElement(By.id("versions")).getText().contains("Awaiting signatures"));
            assertTrue(browser.findElements(By.id("revocation:statement")).isEmpty(), "researchers cannot revoke");
            Browser.assertAccessible(browser);
            browser.findElement(By.id("sign:sign-button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"),
                    "You signed version 1 of the agreement."));
            assertTrue(browser.findElements(By.id("sign-hash")).isEmpty(), "the lead cannot sign twice");

            Browser.signOut(browser, wait);
            browser.get(Http.PORTAL + "/committee/");
            Browser.signIn(browser, wait, "dacchair");
            browser.get(page);
            assertEquals(hash, wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-hash"))).getText());
            browser.findElement(By.id("sign:sign-button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "it is now in effect"));
            assertTrue(browser.findElement(By.id("versions")).getText().contains("In effect"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("revocation:statement")));
            Browser.assertAccessible(browser);
        } catch (TimeoutException e) {
            throw new AssertionError("Page " + browser.getCurrentUrl() + " shows: "
                    + browser.findElement(By.tagName("body")).getText(), e);
        } finally {
            browser.quit();
        }
        assertEquals("PROVISIONING", state(id));
    }

    @Test
    void theAgreementsPageNeedsSignIn() {
        Reply r = Http.get("/agreements/?application=1", null, "text/html");
        assertEquals(302, r.status());
        assertTrue(r.location().startsWith(Http.KEYCLOAK + "/protocol/openid-connect/auth"), r.location());
    }
}

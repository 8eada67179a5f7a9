package uk.nip.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The review pages in a real browser: the custodian screens, a member declares, opens the review,
 * asks a question and votes; the applicant answers on their page; a conflicted member is turned away.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CommitteePagesBrowserIT {

    @Deployment(testable = false)
    static WebArchive portal() {
        return PortalDeployment.builtWar();
    }

    WebDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /**
     * Sending the reply to one question keeps what was typed under the others. A team member who
     * is not the lead reads the questions and replies but leaves the answering to the lead.
     */
    @Test
    void eachQuestionKeepsItsOwnReply() {
        String lead = Http.userToken("researcher");
        long id = Journeys.underReview(lead, ApplicationContentIT.withTeamMember("Two questions in the browser"));
        Journeys.expect(200, Journeys.declare(id, "dacmember", false));
        String member = Http.userToken("dacmember");
        String threads = "/api/applications/" + id + "/clarifications";
        Journeys.expect(200, Http.postJson(threads, member, Map.of("question", "Which scanners?")));
        Journeys.expect(200, Http.postJson(threads, member, Map.of("question", "Which years?")));

        browser = Browser.chromium();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(Http.PORTAL + "/researcher/clarifications.xhtml?application=" + id);
        Browser.signIn(browser, wait, "researcher");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page"), "Which years?"));
        java.util.List<org.openqa.selenium.WebElement> boxes = browser.findElements(By.cssSelector("textarea[id$='reply']"));
        assertEquals(2, boxes.size());
        boxes.get(1).sendKeys("2020 and 2021.");
        boxes.get(0).sendKeys("Siemens and GE.");
        browser.findElements(By.cssSelector("button[id$='send']")).get(0).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Your reply was sent"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page"), "Siemens and GE."));
        boxes = browser.findElements(By.cssSelector("textarea[id$='reply']"));
        assertEquals("", boxes.get(0).getAttribute("value"));
        assertEquals("2020 and 2021.", boxes.get(1).getAttribute("value"), "the other question's reply survives");
        assertEquals("Clarification requested", browser.findElement(By.id("state")).getText());
        browser.findElements(By.cssSelector("button[id$='send']")).get(1).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("state"), "Under review"));
        Browser.assertAccessible(browser);

        Browser.signOut(browser, wait);
        browser.get(Http.PORTAL + "/researcher/clarifications.xhtml?application=" + id);
        Browser.signIn(browser, wait, "researcher2");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page"), "2020 and 2021."));
        String page = browser.findElement(By.id("page")).getText();
        assertTrue(page.contains("Siemens and GE.") && page.contains("Which scanners?"), page);
        assertTrue(page.contains("The lead applicant, researcher, answers the committee for the team."), page);
        assertTrue(browser.findElements(By.cssSelector("textarea[id$='reply']")).isEmpty(), "only the lead answers");
        assertTrue(browser.findElements(By.cssSelector("button[id$='send']")).isEmpty(), "only the lead answers");
        Browser.assertAccessible(browser);
    }

    @Test
    void screeningReviewQuestionAnswerAndVoteThroughThePages() {
        String lead = Http.userToken("researcher");
        // Commercial use of the demo collection, which is for non-commercial use only (DUO:0000046).
        Map<String, Object> draft = PortalApiIT.completeDraft("Reviewed in the browser");
        draft.put("commercial", true);
        long id = PortalApiIT.create(lead, draft);
        Journeys.expect(200, Http.postJson("/api/applications/" + id + "/submit", lead, "{}"));
        String reference = Http.get("/api/applications/" + id, lead).json().get("reference").asText();
        browser = Browser.chromium();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        // Custodian: returning needs a note; then sends it to the committee.
        browser.get(Http.PORTAL + "/custodian/");
        Browser.signIn(browser, wait, "custodian");
        wait.until(ExpectedConditions.elementToBeClickable(Browser.row(reference, "return"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "problem"));
        assertTrue(browser.findElement(By.id("screening")).getText().contains("Tell the applicant what to change"));
        Browser.assertAccessible(browser);
        browser.findElement(Browser.row(reference, "complete")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), reference
                + " sent to the committee"));
        Browser.signOut(browser, wait);

        // A member declares no conflict, opens the review, asks a question.
        browser.get(Http.PORTAL + "/committee/");
        Browser.signIn(browser, wait, "dacmember");
        wait.until(ExpectedConditions.elementToBeClickable(Browser.row(reference, "noConflict"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText("Open the review of " + reference))).click();
        String flags = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("restrictionFlags"))).getText();
        assertTrue(flags.contains("DUO:0000046") && flags.contains("demo-chest-ct"), flags);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("clarify:question")))
                .sendKeys("How will you keep the model away from the validation set?");
        browser.findElement(By.id("clarify:ask")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("state"), "Clarification requested"));
        Browser.signOut(browser, wait);

        // The applicant answers on their own page; the review resumes.
        browser.get(Http.PORTAL + "/researcher/");
        Browser.signIn(browser, wait, "researcher");
        wait.until(ExpectedConditions.elementToBeClickable(Browser.row(reference, "questions"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page"), "validation set"));
        browser.findElement(By.cssSelector("textarea[id$='reply']"))
                .sendKeys("The validation subset is held out by the platform and never provisioned to us.");
        browser.findElement(By.cssSelector("button[id$='send']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("state"), "Under review"));
        Browser.signOut(browser, wait);

        // The member votes: a vote without a reason is refused next to the field, then recorded.
        browser.get(Http.PORTAL + "/committee/");
        Browser.signIn(browser, wait, "dacmember");
        browser.get(Http.PORTAL + "/committee/review.xhtml?application=" + id);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page"), "held out by the platform"));
        By approve = By.cssSelector("input[name='vote:choice'][value='APPROVE']");
        browser.findElement(approve).click();
        browser.findElement(By.id("vote:cast")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("vote"), "written reason"));
        assertTrue(browser.findElement(approve).isSelected(), "the choice survives the refusal");
        Browser.assertAccessible(browser);
        browser.findElement(By.id("vote:reason")).sendKeys("Clear plan, minimal data.");
        browser.findElement(By.id("vote:cast")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("votes"), "Clear plan, minimal data."));
        assertTrue(browser.findElement(By.id("tally")).getText().startsWith("1 approve"),
                browser.findElement(By.id("tally")).getText());
        Browser.signOut(browser, wait);

        // A conflicted member is turned away from the review page with the reason.
        Journeys.expect(200, Journeys.declare(id, "dacmember2", true));
        browser.get(Http.PORTAL + "/committee/");
        Browser.signIn(browser, wait, "dacmember2");
        browser.get(Http.PORTAL + "/committee/review.xhtml?application=" + id);
        String refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("refusal"))).getText();
        assertTrue(refusal.contains("conflict of interest"), refusal);
        assertEquals(0, browser.findElements(By.id("vote:cast")).size());
    }
}

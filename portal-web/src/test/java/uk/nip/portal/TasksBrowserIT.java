package uk.nip.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The task list in Chromium: a custodian finds the screening task of a new application, takes it,
 * gives it back and follows it to the work; a committee member finds their review task; the lead
 * sees none of the staff's tasks.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TasksBrowserIT {

    @Deployment(testable = false)
    static WebArchive portal() {
        return PortalDeployment.builtWar();
    }

    WebDriver browser;
    WebDriverWait wait;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String reference(long id) {
        return Http.get("/api/applications/" + id, Http.userToken("researcher")).json().get("reference").asText();
    }

    private By rowOf(String reference) {
        return By.xpath("//tr[.//span[@class='reference' and text()='" + reference + "']]");
    }

    private void openTasksAs(String user) {
        browser = Browser.chromium();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(Http.PORTAL + "/tasks/");
        Browser.signIn(browser, wait, user);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tasks:open")));
    }

    @Test
    void aCustodianTakesTheScreeningTaskGivesItBackAndOpensTheWork() {
        String reference = reference(Journeys.submitted(Http.userToken("researcher"), "Screening from the task list"));
        openTasksAs("custodian");
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(rowOf(reference)));
        assertTrue(row.getText().contains("Screen the application"), row.getText());
        assertTrue(row.getText().contains("Nobody yet"), row.getText());

        row.findElement(By.xpath(".//button[.//span[text()='Take this task']]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(rowOf(reference), "You"));
        assertTrue(browser.findElement(rowOf(reference)).getText().contains("Give it back"));
        assertEquals("custodian", taskOf("custodian", reference).get("assignee").asText(),
                "the claim is the engine's, not only the page's");

        browser.findElement(rowOf(reference)).findElement(By.xpath(".//button[.//span[text()='Give it back']]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(rowOf(reference), "Nobody yet"));

        Browser.assertAccessible(browser);

        browser.findElement(rowOf(reference)).findElement(By.linkText("Open the work")).click();
        wait.until(ExpectedConditions.urlToBe(Http.PORTAL + "/custodian/"));
    }

    @Test
    void aMemberFindsTheirReviewAndTheLeadSeesNoStaffTasks() {
        long id = Journeys.underReview(Http.userToken("researcher"), "Review from the task list");
        String reference = reference(id);
        openTasksAs("dacmember");
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(rowOf(reference)));
        assertTrue(row.getText().contains("Review and vote"), row.getText());
        assertTrue(row.getText().contains("You"), "the committee asked this member by name: " + row.getText());
        assertTrue(browser.findElements(By.xpath("//tr[.//span[@class='reference' and text()='" + reference
                + "']]//button")).isEmpty(), "a task given by name is neither taken nor given back");
        row.findElement(By.linkText("Open the work")).click();
        wait.until(ExpectedConditions.urlContains("/committee/review.xhtml?application=" + id));
        browser.quit();

        openTasksAs("researcher");
        assertTrue(browser.findElements(rowOf(reference)).isEmpty(), "the lead does not see the committee's tasks");
    }

    private com.fasterxml.jackson.databind.JsonNode taskOf(String user, String reference) {
        for (var t : Journeys.expect(200, Http.get("/api/tasks", Http.userToken(user))).json()) {
            if (t.get("reference").asText().equals(reference)) {
                return t;
            }
        }
        throw new AssertionError("No task on " + reference + " for " + user);
    }
}

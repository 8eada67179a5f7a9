package uk.nip.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in Chromium: a custodian adds and edits a collection on the catalogue page, with each
 * problem shown next to its field; anyone reads the published audit head on the register page.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CatalogueBrowserIT {

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

    @Test
    void aCustodianAddsACollectionFixesWhatIsWrongAndEditsItsUseRestrictions() {
        browser = Browser.chromium();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(Http.PORTAL + "/custodian/");
        Browser.signIn(browser, wait, "custodian");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("manage-catalogue"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("collections:list"), "demo-chest-ct"));

        String id = "browser-" + Long.toString(System.currentTimeMillis(), 36);
        type("collection:id", id);
        type("collection:title", "Browser mammography");
        type("collection:modalities", "MG, XRAY");
        type("collection:patientCount", "40");
        browser.findElement(By.id("collection:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "problems to fix"));
        assertTrue(messageNextTo("collection:modalities").contains("XRAY"), messageNextTo("collection:modalities"));
        assertTrue(messageNextTo("collection:dataController").contains("data controller"));
        Browser.assertAccessible(browser);

        type("collection:dataController", "Exampleton Breast Screening Service");
        browser.findElement(By.id("collection:modalities")).clear();
        type("collection:modalities", "MG");
        browser.findElement(By.xpath("//label[text()='DUO:0000042 general research use']")).click();
        browser.findElement(By.id("collection:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"),
                "Collection 'Browser mammography' saved."));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("collections:list"), id));

        // Saving keeps the collection open for editing: add a restriction and save again. The save's
        // response replaces the form; edits made before it has all arrived are lost, so wait for it.
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return window.PrimeFaces !== undefined && PrimeFaces.ajax.Queue.isEmpty() && jQuery.active === 0")));
        browser.findElement(By.xpath("//label[text()='DUO:0000046 non-commercial use only']")).click();
        browser.findElement(By.id("collection:title")).clear();
        type("collection:title", "Browser mammography 2024");
        wait.until(ExpectedConditions.attributeToBe(By.id("collection:title"), "value", "Browser mammography 2024"));
        browser.findElement(By.id("collection:save")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("collections:list"),
                "DUO:0000042 general research use, DUO:0000046 non-commercial use only"));

        JsonNode saved = Http.get("/api/catalogue/" + id, null).json();
        assertEquals("Browser mammography 2024", saved.get("title").asText());
        assertEquals("DUO:0000042,DUO:0000046", saved.get("useRestrictions").asText());
        assertEquals(1, saved.get("version").asLong());
    }

    @Test
    void theRegisterPageShowsTheLatestPublishedAuditHead() {
        JsonNode newest = Http.get("/api/register/audit-digests?limit=1", null).json().get(0);
        browser = Browser.chromium();
        browser.get(Http.PORTAL + "/register");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("digest-hash")));
        // A publication may have happened since the API was read; the page never shows an older one.
        long shownSeq = Long.parseLong(browser.findElement(By.id("digest-seq")).getText().strip());
        assertTrue(shownSeq >= newest.get("lastSeq").asLong());
        if (shownSeq == newest.get("lastSeq").asLong()) {
            assertEquals(newest.get("headHash").asText(), browser.findElement(By.id("digest-hash")).getText());
        }
        assertEquals(Http.PORTAL + "/api/register/audit-digests",
                browser.findElement(By.id("digests-json")).getAttribute("href"));
    }

    private String messageNextTo(String inputId) {
        return browser.findElement(By.xpath("//*[@id='" + inputId + "']/following::div[contains(concat(' ', @class,"
                + " ' '), ' ui-message ')][1]")).getText();
    }

    private void type(String id, String text) {
        browser.findElement(By.id(id)).sendKeys(text);
    }
}

package uk.nip.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
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
 * The administration page in Chromium: with no mail server listening (only NotificationMailIT
 * starts one), a submission's notifications wait, and the administrator sees each with its
 * recipient, subject, tries and the reason, but not the address or the body; and tries one again
 * or dismisses one, with a reason.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdministrationBrowserIT {

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
    void anAdministratorSeesTheMailThatIsWaitingAndWhy() throws Exception {
        String researcher = Http.userToken("researcher");
        long id = PortalApiIT.create(researcher, PortalApiIT.completeDraft("Mail an administrator sees waiting"));
        Journeys.expect(200, Http.postJson("/api/applications/" + id + "/submit", researcher, "{}"));
        String reference = Http.get("/api/applications/" + id, researcher).json().get("reference").asText();
        assertFalse(NotificationMailIT.mailAudit(reference, "mail.deferred", 1).isEmpty(), "the first try failed");

        browser = Browser.chromium();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(Http.PORTAL + "/admin/");
        Browser.signIn(browser, wait, "admin");
        By row = By.xpath("//table//tr[.//span[@class='reference' and text()='" + reference + "']"
                + " and .//span[@class='subject' and text()='" + reference + ": submitted']]");
        String text = wait.until(ExpectedConditions.visibilityOfElementLocated(row)).getText();
        assertTrue(text.contains("researcher"), text);
        assertTrue(text.contains("no mail server answers"), text);
        assertFalse(browser.getPageSource().contains("@demo.nip.example"), "no addresses on the page");

        Browser.assertAccessible(browser);

        // without a reason nothing happens, and the page says what is missing next to the field
        browser.findElement(row).findElement(By.xpath(".//button[contains(@id,'try-again')]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.xpath("//*[@id='mail:reason']"
                + "/following::div[contains(concat(' ', @class, ' '), ' ui-message ')][1]"),
                "Say why the mail is tried again"));
        assertTrue(NotificationMailIT.auditOf(reference, "mail.retry").isEmpty());

        // the custodian's notice is dismissed: it leaves the list, and the audit keeps who and why
        By custodianRow = By.xpath("//table//tr[.//span[@class='reference' and text()='" + reference + "']"
                + " and .//span[@class='subject' and text()='" + reference + ": submitted, waiting for screening']]");
        browser.findElement(By.id("mail:reason")).sendKeys("Screened already; the notice is stale");
        browser.findElement(custodianRow).findElement(By.xpath(".//button[contains(@id,'dismiss')]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"),
                "\"" + reference + ": submitted, waiting for screening\" to custodian is dismissed"));
        assertTrue(browser.findElements(custodianRow).isEmpty(), "the dismissed mail left the list");
        assertEquals(List.of("; reason: Screened already; the notice is stale"), NotificationMailIT
                .auditOf(reference, "mail.dismissed").stream().map(d -> d.substring(d.indexOf("; reason: "))).toList());

        // the lead's is tried again in the next round; with no server it fails again and waits on
        browser.findElement(By.id("mail:reason")).sendKeys("Mail relay restarted");
        wait.until(ExpectedConditions.elementToBeClickable(row)).findElement(
                By.xpath(".//button[contains(@id,'try-again')]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"),
                "\"" + reference + ": submitted\" to researcher is tried again in the next round"));
        assertTrue(browser.findElement(row).getText().contains("tried again by an administrator"),
                browser.findElement(row).getText());
        assertTrue(NotificationMailIT.auditOf(reference, "mail.retry").get(0).endsWith("; reason: Mail relay restarted"));
        Browser.assertAccessible(browser);
    }
}

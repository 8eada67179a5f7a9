package uk.nip.portal;

import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The administration page in Chromium: with no mail server listening (only NotificationMailIT
 * starts one), a submission's notifications wait, and the administrator sees each with its
 * recipient, subject, tries and the reason, but not the address or the body.
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
    }
}

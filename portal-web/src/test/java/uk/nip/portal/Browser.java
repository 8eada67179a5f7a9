package uk.nip.portal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium, signing in on Keycloak's own login page, and axe-core's checks. */
final class Browser {

    private Browser() {
    }

    static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Call after opening a signed-in page: the portal sends the browser to Keycloak first. */
    static void signIn(WebDriver browser, WebDriverWait wait, String username) {
        wait.until(ExpectedConditions.urlContains("localhost:8180/realms/imaging"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(username + "-demo");
        browser.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.urlContains("localhost:8080"));
    }

    /** A button or link of the row of a list that shows this application reference. */
    static By row(String reference, String id) {
        return By.xpath("//tr[.//span[@class='reference' and text()='" + reference + "']]//*[contains(@id,'"
                + id + "')]");
    }

    /**
     * Chooses an option of a PrimeFaces select menu by its label, as a person does: open the menu,
     * click the option, see it shown. A click that lands while the menu is still opening is lost, so
     * it is tried again.
     */
    static void choose(WebDriver browser, String menuId, String label) {
        By menu = By.id(menuId);
        By option = By.cssSelector("[id='" + menuId + "_items'] li[data-label='" + label + "']");
        By shown = By.id(menuId + "_label");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(5));
        for (int attempt = 1; ; attempt++) {
            try {
                wait.until(ExpectedConditions.elementToBeClickable(menu)).click();
                wait.until(ExpectedConditions.elementToBeClickable(option)).click();
                wait.until(ExpectedConditions.textToBe(shown, label));
                return;
            } catch (TimeoutException e) {
                if (attempt == 3) {
                    throw e;
                }
                browser.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
            }
        }
    }

    static void signOut(WebDriver browser, WebDriverWait wait) {
        browser.findElement(By.id("sign-out")).click();
        wait.until(ExpectedConditions.urlToBe(Http.PORTAL + "/"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
    }

    /** No WCAG 2 A or AA violations that axe-core can detect on the page as it is now. */
    static void assertAccessible(WebDriver browser) {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa")).analyze(browser);
        List<String> violations = results.getViolations().stream().map(v -> v.getId() + ": " + v.getHelp() + " "
                + v.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList()).toList();
        assertTrue(violations.isEmpty(), violations.toString());
    }
}

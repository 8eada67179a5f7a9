package uk.nip.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import uk.nip.portal.Http.Reply;

/**
 * The public transparency register without signing in: search and filters, CSV, statistics,
 * the refusals of bad parameters, and the page with its charts in a real browser.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RegisterIT {

    @Deployment(testable = false)
    static WebArchive portal() {
        return PortalDeployment.builtWar();
    }

    /** A word only this run's applications contain, so other tests' uses on the register do not count. */
    static final String MARK = "regit" + UUID.randomUUID().toString().substring(0, 8);
    static String academic;
    static String commercial;

    @BeforeAll
    static void twoApprovedUses() {
        String lead = Http.userToken("researcher");
        Map<String, Object> a = PortalApiIT.completeDraft("Lung nodules " + MARK);
        academic = reference(Journeys.decided(lead, a, true), lead);
        Map<String, Object> c = PortalApiIT.completeDraft("=HYPERLINK(\"http://example.org\",\"" + MARK + "\")");
        c.put("purpose", "COMMERCIAL_PRODUCT_DEVELOPMENT");
        c.put("commercial", true);
        c.put("sector", "COMMERCIAL");
        c.put("organisation", "Example Imaging Ltd");
        c.put("datasets", List.of(Map.of("datasetId", "demo-chest-ct"), Map.of("datasetId", "demo-brain-mr")));
        commercial = reference(Journeys.decided(lead, c, true), lead);
    }

    private static String reference(long id, String token) {
        return Http.get("/api/applications/" + id, token).json().get("reference").asText();
    }

    private static List<String> ids(JsonNode entries) {
        List<String> out = new ArrayList<>();
        entries.forEach(e -> out.add(e.get("projectId").asText()));
        return out;
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void searchAndFiltersFindTheUsesWithEveryRegisterField() {
        JsonNode found = Journeys.expect(200, Http.get("/api/register?q=" + MARK, null)).json();
        assertEquals(List.of(commercial, academic).stream().sorted().toList(), ids(found).stream().sorted().toList());
        JsonNode product = Journeys.expect(200, Http.get("/api/register?q=" + MARK + "&category=commercial-product-development"
                + "&sector=commercial&commercial=true&status=agreement-pending", null)).json();
        assertEquals(List.of(commercial), ids(product));
        JsonNode e = product.get(0);
        assertEquals("Demo chest CT collection; Demo brain MR collection", e.get("datasetNames").asText());
        assertEquals("Commercial product development", e.get("requestCategory").asText());
        assertTrue(e.get("commercialPurpose").asBoolean());
        assertEquals("Commercial", e.get("organisationSector").asText());
        assertEquals("Wellcome Trust", e.get("funders").asText());
        assertEquals("UK GDPR Article 6(1)(e) Public task; Article 9(2)(j) Archiving, research and statistics",
                e.get("legalBasis").asText());
        assertTrue(e.get("nationalOptOutApplied").asBoolean());
        assertEquals("AGREEMENT_PENDING", e.get("statusCode").asText());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertEquals(today.toString(), e.get("latestApprovalDate").asText());
        assertEquals(today.toString(), e.get("submittedDate").asText());
        assertEquals(0, e.get("decisionTurnaroundDays").asLong(), "submitted and decided within this test");
        assertEquals(today.plusMonths(1).toString(), e.get("projectStartDate").asText());
        // nothing about the people: no names, usernames or e-mail addresses
        assertFalse(e.toString().contains("researcher") || e.toString().contains("@"), e.toString());

        assertEquals(List.of(academic), ids(Http.get("/api/register?q=" + q("nodules " + MARK) + "&commercial=false", null)
                .json()));
        assertEquals(List.of(), ids(Http.get("/api/register?q=" + MARK + "&approvedTo=" + today.minusDays(1), null).json()));
        assertEquals(2, Http.get("/api/register?q=" + MARK + "&approvedFrom=" + today + "&approvedTo=" + today, null)
                .json().size());
    }

    @Test
    void badParametersAreRefusedWithWhatTheyMayBe() {
        Map<String, String> refusals = Map.of(
                "status=draft", "'status' must be one of approved, agreement-pending",
                "category=fun", "'category' must be one of research",
                "commercial=maybe", "'commercial' must be true or false, not 'maybe'.",
                "approvedFrom=2026-13-01", "'approvedFrom' must be a date as 2026-11-29, not '2026-13-01'.",
                "approvedFrom=2026-02-01&approvedTo=2026-01-01", "is after 'approvedTo'",
                "q=" + "x".repeat(201), "at most 200");
        for (Map.Entry<String, String> r : refusals.entrySet()) {
            for (String path : List.of("/api/register?", "/api/register/export.csv?", "/api/register/statistics?")) {
                // as a browser or a download tool asks
                Reply reply = Http.get(path + r.getKey(), null, "*/*");
                assertEquals(400, reply.status(), path + r.getKey() + ": " + reply.body());
                assertTrue(reply.json().get("error").asText().contains(r.getValue()), reply.body());
            }
        }
    }

    @Test
    void csvHasAHeaderAndOneDisarmedRowPerUse() {
        Reply csv = Journeys.expect(200, Http.get("/api/register/export.csv?q=" + MARK, null, "text/csv"));
        assertTrue(csv.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), csv.raw().headers().toString());
        assertTrue(csv.raw().headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
        String[] rows = csv.body().split("\r\n");
        assertEquals(3, rows.length, csv.body());
        assertTrue(rows[0].startsWith("projectId,projectTitle,laySummary,"), rows[0]);
        String product = rows[1].startsWith(commercial) ? rows[1] : rows[2];
        // a spreadsheet would run a cell starting with '=': it opens as text instead
        assertTrue(product.startsWith(commercial + ",\"'=HYPERLINK(\"\"http://example.org\"\",\"\"" + MARK + "\"\")\","),
                product);
        assertTrue(product.contains(",Demo chest CT collection; Demo brain MR collection,"), product);
        // a field with a comma is quoted
        assertTrue(product.contains(",\"UK GDPR Article 6(1)(e) Public task; Article 9(2)(j) Archiving, research and "
                + "statistics\","), product);
    }

    @Test
    void statisticsCountTheSameEntriesAndPublishTurnaround() {
        JsonNode s = Journeys.expect(200, Http.get("/api/register/statistics?q=" + MARK, null)).json();
        assertEquals(2, s.get("approvedUses").asInt());
        assertEquals(1, s.get("commercialPurpose").asInt());
        assertEquals(1, s.get("byRequestCategory").get("Commercial product development").asInt());
        assertEquals(1, s.get("byRequestCategory").get("Algorithm training").asInt());
        assertEquals(0, s.get("byRequestCategory").get("Service evaluation").asInt());
        assertEquals(2, s.get("turnaroundDecided").asInt());
        assertEquals(0, s.get("turnaroundMedianDays").asLong());
        JsonNode all = Http.get("/api/register/statistics", null).json();
        assertEquals(Http.get("/api/register", null).json().size(), all.get("approvedUses").asInt());
        int byStatus = 0;
        for (JsonNode n : all.get("byStatus")) {
            byStatus += n.asInt();
        }
        assertEquals(all.get("approvedUses").asInt(), byStatus, "every use has exactly one status");
    }

    @Test
    void thePageShowsTheChartsAndTheDownloadsAndPassesAxe() {
        WebDriver browser = Browser.chromium();
        try {
            WebDriverWait wait = new WebDriverWait(browser, java.time.Duration.ofSeconds(30));
            browser.get(Http.PORTAL + "/register");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("register:entries"), commercial));
            int approved = Http.get("/api/register", null).json().size();
            assertEquals(String.valueOf(approved), browser.findElement(By.id("stat-approved")).getText());
            assertTrue(browser.findElement(By.id("stat-turnaround")).getText().startsWith("median "),
                    browser.findElement(By.id("stat-turnaround")).getText());
            for (String chart : List.of("by-status", "by-purpose", "by-sector", "by-year")) {
                assertFalse(browser.findElements(By.cssSelector("#" + chart + " tbody tr")).isEmpty(), chart);
            }
            assertEquals("Commercial product development", browser.findElement(
                    By.xpath("//table[@id='by-purpose']//th[@scope='row'][text()='Commercial product development']")).getText());
            assertTrue(browser.findElement(By.id("register-csv")).getAttribute("href").endsWith("/api/register/export.csv"));
            assertTrue(browser.findElement(By.id("register:entries")).getText().contains("Commercial product development (commercial)"));
            Browser.assertAccessible(browser);
        } finally {
            browser.quit();
        }
    }
}

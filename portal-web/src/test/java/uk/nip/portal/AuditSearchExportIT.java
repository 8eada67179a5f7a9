package uk.nip.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import uk.nip.governance.audit.AuditRecord;
import uk.nip.governance.audit.ChainVerification;
import uk.nip.portal.Http.Reply;

/**
 * Auditors search the trail and export it as CSV and JSON; everyone else is refused; searching and
 * exporting are themselves audited; an export of the whole trail verifies offline with the same
 * hashing code the server uses.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuditSearchExportIT {

    static final List<String> CSV_HEADER = List.of("seq", "at", "actor", "role", "action", "objectType", "objectId",
            "origin", "detail", "prevHash", "hash");
    /** Commas, quotes and a line break: what CSV quoting must survive. */
    static final String AWKWARD_REASON = "Cohort too broad, \"all adults\" is not justified;\nsee minute 4, item b.";

    @Deployment(testable = false)
    static WebArchive portal() {
        return PortalDeployment.builtWar();
    }

    static String researcher;
    static String chair;
    static String member;
    static String custodian;
    static String auditor;
    static String admin;
    static String reference;

    @BeforeAll
    static void anApplicationIsCreatedSubmittedAndRejectedWithAnAwkwardReason() throws InterruptedException {
        researcher = Http.userToken("researcher");
        chair = Http.userToken("dacchair");
        member = Http.userToken("dacmember");
        custodian = Http.userToken("custodian");
        auditor = Http.userToken("auditor");
        admin = Http.userToken("admin");
        Reply created = Http.postJson("/api/applications", researcher, PortalApiIT.completeDraft("Audited for search"));
        assertEquals(201, created.status(), created.body());
        long id = created.json().get("id").asLong();
        reference = created.json().get("reference").asText();
        Thread.sleep(5); // distinct millisecond timestamps for the time-range search
        assertEquals(200, Http.postJson("/api/applications/" + id + "/submit", researcher, "{}").status());
        Thread.sleep(5);
        // The lead's withdrawal carries the awkward reason: three records by one actor, and the mail
        // system's records of the notifications about them.
        Reply rejected = Http.postJson("/api/applications/" + id + "/withdraw", researcher,
                Map.of("reason", AWKWARD_REASON));
        assertEquals(200, rejected.status(), rejected.body());
    }

    @Test
    void everyoneButAuditorsAndAdministratorsIsRefused() {
        String[] paths = {"/api/audit/records?actor=researcher", "/api/audit/export.csv", "/api/audit/export.json",
            "/api/audit/head", "/api/audit/verify"};
        for (String token : new String[] {researcher, chair, member, custodian}) {
            for (String path : paths) {
                Reply r = Http.get(path, token, "application/json, text/csv");
                assertEquals(403, r.status(), path + ": " + r.body());
                assertFalse(r.body().contains(reference), "a refusal leaked records: " + r.body());
            }
        }
        for (String path : paths) {
            assertEquals(401, Http.get(path, null).status(), path);
        }
        assertEquals(200, Http.get("/api/audit/records?objectId=" + reference, admin).status());
    }

    @Test
    void searchingByObjectFindsEveryStepNewestFirst() {
        JsonNode found = search("objectType=application&objectId=" + reference);
        // The notification mail about these steps is audited on the same application as it goes or
        // waits, after the step and on its own thread, so it may come before or after a later step.
        List<JsonNode> steps = new ArrayList<>();
        for (JsonNode r : found) {
            if (r.get("actor").asText().equals("system:mail")) {
                assertTrue(r.get("action").asText().startsWith("mail."), r.toString());
            } else {
                steps.add(r);
            }
        }
        assertEquals(List.of("application.withdraw", "application.submit", "application.create"),
                steps.stream().map(r -> r.get("action").asText()).toList());
        assertEquals(List.of("researcher", "researcher", "researcher"),
                steps.stream().map(r -> r.get("actor").asText()).toList());
        assertTrue(steps.get(0).get("seq").asLong() > steps.get(1).get("seq").asLong());
    }

    @Test
    void searchingByActorAndActionPrefixNarrowsToTheDecision() {
        JsonNode found = search("actor=researcher&action=application.with&objectId=" + reference);
        assertEquals(1, found.size(), found.toString());
        assertEquals("SUBMITTED -> WITHDRAWN: " + AWKWARD_REASON, found.get(0).get("detail").asText());
        assertEquals(0, search("actor=dacchair&action=application.with&objectId=" + reference).size());
        // The prefix is literal: % and _ are not wildcards.
        assertEquals(0, search("action=" + enc("%") + "&objectId=" + reference).size());
        assertEquals(0, search("action=application_&objectId=" + reference).size());
    }

    @Test
    void searchingByTimeRangeIncludesFromAndExcludesTo() {
        // the researcher's own steps: the mail about them is audited on its own time (see above)
        String steps = "actor=researcher&objectId=" + reference;
        JsonNode all = search(steps);
        String createdAt = all.get(2).get("at").asText();
        String submittedAt = all.get(1).get("at").asText();
        String rejectedAt = all.get(0).get("at").asText();
        assertEquals(List.of("application.submit"),
                actions(search(steps + "&from=" + submittedAt + "&to=" + rejectedAt)));
        assertEquals(List.of("application.withdraw", "application.submit"),
                actions(search(steps + "&from=" + submittedAt)));
        assertEquals(List.of("application.create"), actions(search(steps + "&to=" + submittedAt)));
        // Whole UTC days, both included.
        String firstDay = Instant.parse(createdAt).atZone(ZoneOffset.UTC).toLocalDate().toString();
        String lastDay = Instant.parse(rejectedAt).atZone(ZoneOffset.UTC).toLocalDate().toString();
        assertEquals(3, search(steps + "&from=" + firstDay + "&to=" + lastDay).size());
    }

    @Test
    void impossibleFiltersAreA400WithTheReason() {
        Reply badDate = Http.get("/api/audit/records?from=last-tuesday", auditor);
        assertEquals(400, badDate.status(), badDate.body());
        assertTrue(badDate.json().get("error").asText().contains("'from'"), badDate.body());
        Reply backwards = Http.get("/api/audit/export.csv?from=2026-02-01&to=2026-01-01", auditor, "text/csv, application/json");
        assertEquals(400, backwards.status(), backwards.body());
        assertEquals(400, Http.get("/api/audit/records?max=lots", auditor).status());
        assertEquals(400, Http.get("/api/audit/records?actor=" + "x".repeat(101), auditor).status());
        // Empty form fields mean "no filter".
        assertEquals(200, Http.get("/api/audit/records?actor=&action=&objectType=&objectId=&from=&to=&max=",
                auditor).status());
    }

    @Test
    void aSearchIsItselfAudited() {
        search("objectId=" + reference + "&action=application.");
        JsonNode own = search("actor=auditor&action=audit.search&max=1");
        assertEquals(1, own.size());
        assertEquals("auditor", own.get(0).get("role").asText());
        assertEquals("action=application.*, objectId=" + reference + ", max=100 -> 3 records",
                own.get(0).get("detail").asText());
    }

    @Test
    void theCsvExportIsAQuotedAttachmentWithAHeaderThatRoundTripsExactly() {
        Reply csv = Http.get("/api/audit/export.csv?actor=researcher&objectId=" + reference, auditor, "text/csv");
        assertEquals(200, csv.status(), csv.body());
        assertTrue(csv.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String disposition = csv.raw().headers().firstValue("Content-Disposition").orElse("");
        assertTrue(disposition.matches("attachment; filename=\"audit-records-\\d{8}T\\d{6}Z\\.csv\""), disposition);
        assertTrue(csv.body().startsWith(String.join(",", CSV_HEADER) + "\r\n"), csv.body());
        assertTrue(csv.body().contains("\"SUBMITTED -> WITHDRAWN: Cohort too broad, \"\"all adults\"\" is not justified;\n"
                + "see minute 4, item b.\""), csv.body());

        List<List<String>> rows = parseCsv(csv.body());
        assertEquals(CSV_HEADER, rows.get(0));
        List<List<String>> data = rows.subList(1, rows.size());
        assertEquals(3, data.size(), csv.body());
        JsonNode json = search("actor=researcher&objectId=" + reference);
        for (int i = 0; i < 3; i++) {
            JsonNode expected = json.get(2 - i); // the export is oldest first
            List<String> row = data.get(i);
            for (int c = 0; c < CSV_HEADER.size(); c++) {
                JsonNode value = expected.get(CSV_HEADER.get(c));
                assertEquals(value.isNull() ? "" : value.asText(), row.get(c), CSV_HEADER.get(c) + " of row " + i);
            }
        }

        JsonNode exportRecord = search("actor=auditor&action=audit.export&max=1").get(0);
        assertEquals("csv: actor=researcher, objectId=" + reference, exportRecord.get("detail").asText());
    }

    @Test
    void theJsonExportHoldsTheSameRecordsOldestFirst() {
        Reply export = Http.get("/api/audit/export.json?action=application.&objectId=" + reference, auditor);
        assertEquals(200, export.status(), export.body());
        String disposition = export.raw().headers().firstValue("Content-Disposition").orElse("");
        assertTrue(disposition.startsWith("attachment; filename=\"audit-records-") && disposition.endsWith(".json\""),
                disposition);
        JsonNode exported = export.json();
        JsonNode searched = search("action=application.&objectId=" + reference);
        assertEquals(3, exported.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(searched.get(2 - i), exported.get(i));
        }
        assertEquals("json: action=application.*, objectId=" + reference,
                search("actor=auditor&action=audit.export&max=1").get(0).get("detail").asText());
    }

    @Test
    void aFullExportVerifiesOfflineUpToTheHeadItNames() {
        Reply json = Http.get("/api/audit/export.json", auditor);
        assertEquals(200, json.status());
        long upTo = Long.parseLong(json.raw().headers().firstValue("X-Audit-Up-To-Seq").orElseThrow());
        List<AuditRecord> records = new ArrayList<>();
        for (JsonNode r : json.json()) {
            records.add(AuditRecord.stored(r.get("seq").asLong(), Instant.parse(r.get("at").asText()),
                    r.get("actor").asText(), r.get("role").asText(), r.get("action").asText(),
                    r.get("objectType").asText(), r.get("objectId").asText(), r.get("origin").asText(),
                    r.get("detail").isNull() ? null : r.get("detail").asText(), r.get("prevHash").asText(),
                    r.get("hash").asText()));
        }
        assertEquals(upTo, records.size(), "a full export holds every record up to its own audit.export record");
        AuditRecord last = records.get(records.size() - 1);
        assertEquals("audit.export", last.getAction());
        ChainVerification offline = ChainVerification.of(records.iterator(), upTo, last.getHash());
        assertTrue(offline.intact(), offline.problem());

        // The CSV of the whole trail carries the same chain, byte for byte.
        Reply csv = Http.get("/api/audit/export.csv", auditor, "text/csv");
        List<List<String>> rows = parseCsv(csv.body());
        List<AuditRecord> fromCsv = new ArrayList<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            fromCsv.add(AuditRecord.stored(Long.parseLong(r.get(0)), Instant.parse(r.get(1)), r.get(2), r.get(3),
                    r.get(4), r.get(5), r.get(6), r.get(7), r.get(8), r.get(9), r.get(10)));
        }
        long csvUpTo = Long.parseLong(csv.raw().headers().firstValue("X-Audit-Up-To-Seq").orElseThrow());
        ChainVerification fromCsvCheck = ChainVerification.of(fromCsv.iterator(), csvUpTo,
                fromCsv.get(fromCsv.size() - 1).getHash());
        assertTrue(fromCsvCheck.intact(), fromCsvCheck.problem());
        assertEquals(csvUpTo, fromCsvCheck.recordsChecked());
    }

    @Test
    void theHeadIsTheNewestRecordWithItsTime() {
        Reply head = Http.get("/api/audit/head", auditor);
        assertEquals(200, head.status(), head.body());
        JsonNode h = head.json();
        JsonNode newest = search("max=1").get(0); // the search reads before recording itself
        assertEquals(newest.get("seq").asLong(), h.get("seq").asLong());
        assertEquals(newest.get("hash").asText(), h.get("hash").asText());
        assertEquals(Instant.parse(newest.get("at").asText()), Instant.parse(h.get("lastRecordAt").asText()));
        assertNotNull(Instant.parse(h.get("observedAt").asText()));
        assertEquals(64, h.get("hash").asText().length());
    }

    private static JsonNode search(String query) {
        Reply r = Http.get("/api/audit/records?" + query, auditor);
        assertEquals(200, r.status(), query + ": " + r.body());
        return r.json();
    }

    private static List<String> actions(JsonNode records) {
        return field(records, "action");
    }

    private static List<String> field(JsonNode records, String name) {
        List<String> values = new ArrayList<>();
        records.forEach(r -> values.add(r.get(name).asText()));
        return values;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A strict RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; rows end in CRLF. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && field.length() == 0) {
                i++;
                while (true) {
                    char q = text.charAt(i);
                    if (q == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                    } else if (q == '"') {
                        i++;
                        break;
                    } else {
                        field.append(q);
                        i++;
                    }
                }
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i += 2;
            } else {
                assertFalse(c == '"' || c == '\n' || c == '\r', "unquoted " + (int) c + " at " + i);
                field.append(c);
                i++;
            }
        }
        assertTrue(row.isEmpty() && field.length() == 0, "the last row must end in CRLF");
        return rows;
    }

    /**
     * The auditor's page in a real browser: the whole chain verified from the page, and a search
     * sent from its form as the signed-in auditor; a researcher is kept out.
     */
    @Test
    void anAuditorVerifiesAndSearchesFromTheirPage() {
        WebDriver browser = Browser.chromium();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            browser.get(Http.PORTAL + "/auditor/");
            Browser.signIn(browser, wait, "auditor");
            String head = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("head-hash"))).getText();
            assertTrue(head.matches("[0-9a-f]{64}"), head);
            browser.findElement(By.id("audit:verify")).click();
            String result = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[id='audit:result'] .state"))).getText();
            assertTrue(result.matches("Intact: \\d+ records and \\d+ published heads checked\\..*"), result);
            Browser.assertAccessible(browser);

            browser.findElement(By.id("q-action")).sendKeys("audit.verify");
            browser.findElement(By.id("q-max")).sendKeys("5");
            browser.findElement(By.id("q-search")).click();
            wait.until(ExpectedConditions.urlContains("/api/audit/records?"));
            String json = browser.findElement(By.tagName("body")).getText();
            assertTrue(json.contains("\"action\":\"audit.verify\"") && json.contains("\"actor\":\"auditor\""), json);

            browser.get(Http.PORTAL + "/auditor/");
            Browser.signOut(browser, wait);
            browser.get(Http.PORTAL + "/auditor/");
            Browser.signIn(browser, wait, "researcher");
            assertTrue(browser.findElements(By.id("audit:verify")).isEmpty(), "a researcher has no verify button");
            assertFalse(browser.getPageSource().contains(head), "nor sees the head hash");
        } finally {
            browser.quit();
        }
    }
}

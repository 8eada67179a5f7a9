package uk.nip.portal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nip.portal.Http.Reply;

/**
 * The full content of an application through the JSON API on the real server: every field saved
 * and read back, every submission problem named by field, the team's read-only access, and
 * supporting PDFs with their refusals and audited downloads.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApplicationContentIT {

    @Deployment(testable = false)
    static WebArchive portal() {
        return PortalDeployment.builtWar();
    }

    static final byte[] PDF = ("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
            .getBytes(StandardCharsets.US_ASCII);
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    static String lead;
    static String member;
    static String committee;
    static String auditor;

    @BeforeAll
    static void signIn() {
        lead = Http.userToken("researcher");
        member = Http.userToken("researcher2");
        committee = Http.userToken("dacmember");
        auditor = Http.userToken("auditor");
    }

    static Map<String, Object> withTeamMember(String title) {
        Map<String, Object> d = PortalApiIT.completeDraft(title);
        d.put("team", List.of(Map.of("name", "Ravi Rao", "email", "researcher2@demo.nip.example",
                "username", "researcher2", "role", "Data scientist", "orcid", "0000-0002-1825-0097")));
        return d;
    }

    static Reply upload(String token, long id, String filename, byte[] content) {
        return Http.postBytes("/api/applications/" + id + "/documents", token, "application/pdf", content,
                Map.of("X-Filename", filename));
    }

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    @Test
    void everyFieldOfADraftIsSavedAndReadBack() {
        Map<String, Object> draft = withTeamMember("Round trip");
        draft.put("funders", List.of("Wellcome Trust", "NIHR"));
        draft.put("datasets", List.of(
                Map.of("datasetId", "demo-chest-ct", "modalities", "ct", "bodyParts", "CHEST",
                        "studyDateFrom", "2020-03-01", "studyDateTo", "2021-06-30", "ageFrom", 18, "ageTo", 90,
                        "sex", "FEMALE"),
                Map.of("datasetId", "demo-brain-mr")));
        long id = PortalApiIT.create(lead, draft);
        JsonNode a = Http.get("/api/applications/" + id, lead).json();
        assertEquals("ALGORITHM_TRAINING", a.get("purpose").asText());
        assertFalse(a.get("commercial").asBoolean());
        assertEquals("ACADEMIC", a.get("sector").asText());
        assertEquals("researcher2", a.get("team").get(0).get("username").asText());
        assertEquals("0000-0002-1825-0097", a.get("team").get(0).get("orcid").asText());
        assertEquals("Data scientist", a.get("team").get(0).get("role").asText());
        assertEquals("[\"Wellcome Trust\",\"NIHR\"]", a.get("funders").toString());
        assertEquals("IRAS 123456", a.get("ethicsReference").asText());
        assertEquals(TODAY.plusYears(2).toString(), a.get("ethicsExpiry").asText());
        assertEquals("E_PUBLIC_TASK", a.get("article6").asText());
        assertEquals("J_ARCHIVING_RESEARCH_STATISTICS", a.get("article9").asText());
        JsonNode first = a.get("datasets").get(0);
        assertEquals("demo-chest-ct", first.get("datasetId").asText());
        assertEquals("CT", first.get("modalities").asText(), "modality codes are normalised");
        assertEquals("2020-03-01", first.get("studyDateFrom").asText());
        assertEquals("2021-06-30", first.get("studyDateTo").asText());
        assertEquals(18, first.get("ageFrom").asInt());
        assertEquals(90, first.get("ageTo").asInt());
        assertEquals("FEMALE", first.get("sex").asText());
        assertEquals("demo-brain-mr", a.get("datasets").get(1).get("datasetId").asText());
        assertEquals("demo-chest-ct", a.get("datasetId").asText(), "the first dataset, for provisioning");
        assertTrue(a.get("minimisationJustification").asText().startsWith("Adult chest CT"));
        assertEquals(8, a.get("compute").get("cpuCores").asInt());
        assertEquals(1, a.get("compute").get("gpus").asInt());
        assertEquals(200, a.get("compute").get("storageGb").asInt());
        assertEquals(12, a.get("compute").get("months").asInt());
        assertEquals(TODAY.plusMonths(1).toString(), a.get("startDate").asText());
        assertEquals(TODAY.plusMonths(13).toString(), a.get("endDate").asText());

        Map<String, Object> edit = withTeamMember("Round trip, edited");
        edit.put("sector", "NHS");
        edit.put("funders", List.of());
        edit.put("version", a.get("version").asLong());
        Reply saved = Http.putJson("/api/applications/" + id, lead, edit);
        assertEquals(200, saved.status(), saved.body());
        JsonNode b = saved.json();
        assertEquals("NHS", b.get("sector").asText());
        assertEquals(0, b.get("funders").size());
        assertEquals(1, b.get("datasets").size());
        assertTrue(b.get("version").asLong() > a.get("version").asLong());
        assertEquals(200, Http.postJson("/api/applications/" + id + "/submit", lead, "{}").status());
    }

    @Test
    void submissionListsEveryProblemByField() {
        Map<String, Object> draft = PortalApiIT.completeDraft("Problems everywhere");
        draft.put("laySummary", "word ".repeat(301));
        draft.put("purpose", "COMMERCIAL_PRODUCT_DEVELOPMENT");
        draft.put("team", List.of(Map.of("name", "A Person", "email", "not-an-address", "role", "Analyst",
                "orcid", "0000-0002-1825-0098")));
        draft.put("ethicsExpiry", TODAY.minusDays(1).toString());
        draft.remove("article9");
        draft.put("datasets", List.of(Map.of("datasetId", "demo-chest-ct", "modalities", "MR",
                "studyDateFrom", "2021-01-01", "studyDateTo", "2020-01-01", "ageFrom", 70, "ageTo", 20),
                Map.of("datasetId", "no-such-collection")));
        draft.put("compute", Map.of("cpuCores", 0, "gpus", 0, "storageGb", 10, "months", 6));
        draft.put("endDate", TODAY.toString());
        long id = PortalApiIT.create(lead, draft);
        Reply submit = Http.postJson("/api/applications/" + id + "/submit", lead, "{}");
        assertEquals(422, submit.status(), submit.body());
        JsonNode p = submit.json().get("problems");
        assertTrue(p.get("laySummary").asText().contains("301 words"), p.toString());
        assertTrue(p.has("commercial"), p.toString());
        assertTrue(p.get("team[0].email").asText().contains("not an email address"), p.toString());
        assertTrue(p.get("team[0].orcid").asText().contains("check character"), p.toString());
        assertTrue(p.get("ethicsExpiry").asText().contains("expired"), p.toString());
        assertTrue(p.has("article9"), p.toString());
        assertFalse(p.has("article6"), p.toString());
        assertTrue(p.get("datasets[0].modalities").asText().contains("MR"), p.toString());
        assertTrue(p.has("datasets[0].studyDateTo"), p.toString());
        assertTrue(p.has("datasets[0].ageTo"), p.toString());
        assertTrue(p.get("datasets[1].datasetId").asText().contains("not in the catalogue"), p.toString());
        assertTrue(p.has("compute.cpuCores"), p.toString());
        assertTrue(p.get("endDate").asText().contains("after the start date"), p.toString());
        assertEquals(12, p.size(), p.toString());
        assertEquals("DRAFT", Http.get("/api/applications/" + id, lead).json().get("state").asText());
    }

    /** A value longer than the database keeps is refused by name; the draft saved before stays whole. */
    @Test
    void anOverLongFieldIsRefusedByNameAndTheSavedDraftSurvives() {
        long id = PortalApiIT.create(lead, PortalApiIT.completeDraft("Saved before the long paste"));
        long version = Http.get("/api/applications/" + id, lead).json().get("version").asLong();
        Map<String, Object> edit = PortalApiIT.completeDraft("t".repeat(300));
        edit.put("team", List.of(Map.of("name", "A Person", "orcid", "orcid: 0000-0002-1825-0097")));
        edit.put("funders", List.of("Wellcome Trust", "f".repeat(256)));
        edit.put("version", version);
        Reply put = Http.putJson("/api/applications/" + id, lead, edit);
        assertEquals(422, put.status(), put.body());
        JsonNode p = put.json().get("problems");
        assertTrue(p.get("title").asText().contains("255 characters; it has 300"), p.toString());
        assertTrue(p.get("team[0].orcid").asText().contains("not an ORCID iD"), p.toString());
        // one box holds every funder, so the problem is the box's, naming the line
        assertEquals("Keep each funder to 255 characters; funder 2 has 256.", p.get("funders").asText());
        JsonNode kept = Http.get("/api/applications/" + id, lead).json();
        assertEquals("Saved before the long paste", kept.get("title").asText());
        assertEquals(version, kept.get("version").asLong());
        Reply created = Http.postJson("/api/applications", lead, PortalApiIT.completeDraft("x".repeat(256)));
        assertEquals(422, created.status(), created.body());
        // the same for a reason too long for the history: refused by name, the application unchanged
        Reply withdraw = Http.postJson("/api/applications/" + id + "/withdraw", lead, Map.of("reason", "r".repeat(4001)));
        assertEquals(422, withdraw.status(), withdraw.body());
        assertTrue(withdraw.json().get("problems").get("reason").asText().contains("Keep this to 4000 characters"),
                withdraw.body());
        assertEquals("DRAFT", Http.get("/api/applications/" + id, lead).json().get("state").asText());
    }

    @Test
    void aTeamMemberReadsTheApplicationAndItsDocumentsButCannotChangeIt() {
        long id = PortalApiIT.create(lead, withTeamMember("Shared with the team"));
        long doc = upload(lead, id, "protocol.pdf", PDF).json().get("id").asLong();
        Reply read = Http.get("/api/applications/" + id, member);
        assertEquals(200, read.status(), read.body());
        assertTrue(Http.get("/api/applications", member).body().contains("Shared with the team"));
        assertEquals(200, Http.get("/api/applications/" + id + "/documents", member).status());
        assertEquals(200, Http.getBytes("/api/applications/" + id + "/documents/" + doc, member).statusCode());
        assertEquals(200, Http.get("/api/applications/" + id + "/history", member).status());

        Map<String, Object> edit = withTeamMember("Taken over");
        edit.put("version", read.json().get("version").asLong());
        Reply put = Http.putJson("/api/applications/" + id, member, edit);
        assertEquals(403, put.status(), put.body());
        assertTrue(put.json().get("error").asText().contains("Only the lead applicant"), put.body());
        assertEquals(403, Http.postJson("/api/applications/" + id + "/submit", member, "{}").status());
        assertEquals(403, Http.postJson("/api/applications/" + id + "/withdraw", member,
                Map.of("reason", "Not mine to withdraw")).status());
        assertEquals(403, upload(member, id, "extra.pdf", PDF).status());
        assertEquals("Shared with the team", Http.get("/api/applications/" + id, lead).json().get("title").asText());
    }

    @Test
    void aResearcherOutsideTheTeamIsRefusedTheApplicationAndItsDocuments() {
        long id = PortalApiIT.create(lead, PortalApiIT.completeDraft("Not shared"));
        long doc = upload(lead, id, "ethics-letter.pdf", PDF).json().get("id").asLong();
        String base = "/api/applications/" + id;
        assertEquals(403, Http.get(base, member).status());
        assertEquals(403, Http.get(base + "/documents", member).status());
        HttpResponse<byte[]> download = Http.getBytes(base + "/documents/" + doc, member);
        assertEquals(403, download.statusCode());
        assertFalse(new String(download.body(), StandardCharsets.ISO_8859_1).contains("%PDF-"));
        assertEquals(403, Http.getBytes(base + "/documents/" + doc, committee).statusCode(), "still a draft");
        assertFalse(Http.get("/api/applications", member).body().contains("Not shared"));
    }

    @Test
    void anUploadThatIsNotAPdfIsEmptyOrTooBigIsRefusedSayingWhich() {
        long id = PortalApiIT.create(lead, PortalApiIT.completeDraft("Careful uploads"));
        Reply notPdf = upload(lead, id, "notes.docx", "PK\u0003\u0004 not a pdf".getBytes(StandardCharsets.UTF_8));
        assertEquals(422, notPdf.status(), notPdf.body());
        assertTrue(notPdf.json().get("problems").get("document").asText().contains("'notes.docx' is not a PDF"),
                notPdf.body());

        Reply empty = upload(lead, id, "blank.pdf", new byte[0]);
        assertEquals(422, empty.status(), empty.body());
        assertTrue(empty.json().get("problems").get("document").asText().contains("'blank.pdf' is empty"),
                empty.body());

        byte[] big = Arrays.copyOf(PDF, 20 * 1024 * 1024 + 1);
        Reply tooBig = upload(lead, id, "scan.pdf", big);
        assertEquals(422, tooBig.status(), tooBig.body());
        assertTrue(tooBig.json().get("problems").get("document").asText().contains("20 MB limit"), tooBig.body());

        assertEquals(0, Http.get("/api/applications/" + id + "/documents", lead).json().size());
    }

    @Test
    void aDocumentIsStoredWithItsHashAndEveryDownloadIsAudited() throws Exception {
        long id = PortalApiIT.create(lead, withTeamMember("Documented"));
        String reference = Http.get("/api/applications/" + id, lead).json().get("reference").asText();
        Reply up = upload(lead, id, "C:\\Users\\rhea\\protocol v2.pdf", PDF);
        assertEquals(201, up.status(), up.body());
        assertEquals("protocol v2.pdf", up.json().get("filename").asText());
        assertEquals(sha256(PDF), up.json().get("sha256").asText());
        assertEquals(PDF.length, up.json().get("size").asLong());
        long doc = up.json().get("id").asLong();

        JsonNode listed = Http.get("/api/applications/" + id + "/documents", lead).json();
        assertEquals(1, listed.size());
        assertEquals(doc, listed.get(0).get("id").asLong());
        assertEquals("researcher", listed.get(0).get("uploadedBy").asText());

        HttpResponse<byte[]> download = Http.getBytes("/api/applications/" + id + "/documents/" + doc, member);
        assertEquals(200, download.statusCode());
        assertArrayEquals(PDF, download.body());
        assertEquals("application/pdf", download.headers().firstValue("Content-Type").orElse(""));
        assertTrue(download.headers().firstValue("Content-Disposition").orElse("").contains("protocol v2.pdf"));
        assertEquals(404, Http.getBytes("/api/applications/" + id + "/documents/" + (doc + 100000), lead)
                .statusCode());

        JsonNode records = Http.get("/api/audit/records?objectId=" + reference + "&max=100", auditor).json();
        boolean uploadAudited = false;
        boolean downloadAudited = false;
        for (JsonNode r : records) {
            String action = r.get("action").asText();
            uploadAudited |= action.equals("document.upload") && r.get("actor").asText().equals("researcher");
            downloadAudited |= action.equals("document.download") && r.get("actor").asText().equals("researcher2")
                    && r.get("detail").asText().contains(sha256(PDF));
        }
        assertTrue(uploadAudited, records.toString());
        assertTrue(downloadAudited, records.toString());
    }

    @Test
    void theLeadWithdrawsWithAReasonUntilTheCommitteeDecides() {
        long id = PortalApiIT.create(lead, PortalApiIT.completeDraft("Changed our plans"));
        assertEquals(200, Http.postJson("/api/applications/" + id + "/submit", lead, "{}").status());
        Reply noReason = Http.postJson("/api/applications/" + id + "/withdraw", lead, Map.of());
        assertEquals(422, noReason.status(), noReason.body());
        assertTrue(noReason.json().get("problems").has("reason"));
        Reply withdrawn = Http.postJson("/api/applications/" + id + "/withdraw", lead,
                Map.of("reason", "The funding fell through."));
        assertEquals(200, withdrawn.status(), withdrawn.body());
        assertEquals("WITHDRAWN", withdrawn.json().get("state").asText());
        JsonNode history = Http.get("/api/applications/" + id + "/history", lead).json();
        assertEquals("WITHDRAW", history.get(history.size() - 1).get("action").asText());
        assertEquals("The funding fell through.", history.get(history.size() - 1).get("reason").asText());

        long decided = Journeys.decided(lead, "Already decided", false);
        Reply late = Http.postJson("/api/applications/" + decided + "/withdraw", lead, Map.of("reason", "Too late"));
        assertEquals(409, late.status(), late.body());
    }
}

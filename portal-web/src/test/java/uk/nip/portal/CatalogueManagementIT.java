package uk.nip.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Custodians curate the catalogue through the API; nobody else may. Then the committee's view of
 * an application: its conflicts with the requested collections' use restrictions.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CatalogueManagementIT {

    @Deployment(testable = false)
    static WebArchive portal() {
        return PortalDeployment.builtWar();
    }

    static String custodian;
    static String researcher;
    static String researcher2;
    static String member;
    static String auditor;

    @BeforeAll
    static void signIn() {
        custodian = Http.userToken("custodian");
        researcher = Http.userToken("researcher");
        researcher2 = Http.userToken("researcher2");
        member = Http.userToken("dacmember");
        auditor = Http.userToken("auditor");
    }

    /** Ids stay unique across runs against the same database. */
    static String uniqueId(String prefix) {
        return prefix + "-" + Long.toString(System.currentTimeMillis(), 36) + "-" + (int) (Math.random() * 1000);
    }

    static Map<String, Object> collection(String id, String title, List<String> duo) {
        Map<String, Object> c = new HashMap<>();
        c.put("id", id);
        c.put("title", title);
        c.put("description", "Adult chest CT from two hospitals.");
        c.put("dataController", "Exampleton NHS Foundation Trust");
        c.put("modalities", "CT");
        c.put("bodyParts", "CHEST");
        c.put("patientCount", 250);
        c.put("instanceCount", 90000);
        c.put("dateFrom", "2019-01-01");
        c.put("dateTo", "2023-12-31");
        c.put("duoCodes", duo);
        c.put("archiveLocation", id);
        return c;
    }

    static JsonNode created(Map<String, Object> body) {
        Reply r = Http.postJson("/api/catalogue", custodian, body);
        assertEquals(201, r.status(), r.body());
        return r.json();
    }

    @Test
    void aCustodianAddsAndEditsACollectionAndBothChangesAreAudited() {
        String id = uniqueId("it-chest");
        Reply add = Http.postJson("/api/catalogue", custodian,
                collection(id, "IT chest CT", List.of("DUO:0000042", "NCU")));
        assertEquals(201, add.status(), add.body());
        assertTrue(add.location().endsWith("/api/catalogue/" + id), add.location());
        assertEquals(0, add.json().get("version").asLong());

        JsonNode shown = Http.get("/api/catalogue/" + id, null).json();
        assertEquals("DUO:0000042,DUO:0000046", shown.get("useRestrictions").asText());
        assertEquals("non-commercial use only", shown.get("restrictions").get(1).get("label").asText());
        assertFalse(shown.has("archiveLocation"), "the archive location is internal");

        Map<String, Object> edit = collection(id, "IT chest CT 2019-2023", List.of("DUO:0000042", "DUO:0000025"));
        edit.put("useUntil", "2030-12-31");
        edit.put("version", 0);
        Reply saved = Http.putJson("/api/catalogue/" + id, custodian, edit);
        assertEquals(200, saved.status(), saved.body());
        assertEquals(1, saved.json().get("version").asLong());
        assertEquals("IT chest CT 2019-2023", saved.json().get("title").asText());
        assertEquals("2030-12-31", saved.json().get("useUntil").asText());

        JsonNode records = Http.get("/api/audit/records?objectType=dataset&objectId=" + id, auditor).json();
        List<String> actions = new ArrayList<>();
        records.forEach(r -> actions.add(r.get("action").asText() + " by " + r.get("actor").asText()));
        assertEquals(List.of("catalogue.update by custodian", "catalogue.add by custodian"), actions);
        String detail = records.get(0).get("detail").asText();
        assertTrue(detail.contains("title: 'IT chest CT' -> 'IT chest CT 2019-2023'"), detail);
        assertTrue(detail.contains("duoCodes: 'DUO:0000042,DUO:0000046' -> 'DUO:0000042,DUO:0000025'"), detail);
        assertTrue(detail.contains("useUntil: (none) -> '2030-12-31'"), detail);
    }

    @Test
    void researchersCommitteeMembersAndAuditorsMayNotChangeTheCatalogue() {
        String id = uniqueId("it-refused");
        created(collection(id, "IT refused", List.of("DUO:0000042")));
        Map<String, Object> edit = collection(id, "Changed by the wrong person", List.of());
        edit.put("version", 0);
        for (String token : List.of(researcher, member, auditor)) {
            assertEquals(403, Http.postJson("/api/catalogue", token,
                    collection(uniqueId("it-not-mine"), "Not mine", List.of())).status());
            assertEquals(403, Http.putJson("/api/catalogue/" + id, token, edit).status());
        }
        assertEquals("IT refused", Http.get("/api/catalogue/" + id, null).json().get("title").asText());
        assertEquals(200, Http.get("/api/catalogue", null).status(), "reading stays public");
    }

    @Test
    void badInputIsRefusedWithEveryProblemByField() {
        Map<String, Object> bad = collection("Not An Id!", " ", List.of("DUO:0000042", "DUO:0000999", "DUO:0000025"));
        bad.remove("dataController");
        bad.put("modalities", "CT, XRAY");
        bad.put("patientCount", -1);
        bad.put("dateFrom", "2024-01-02");
        bad.put("dateTo", "2024-01-01");
        Reply r = Http.postJson("/api/catalogue", custodian, bad);
        assertEquals(422, r.status(), r.body());
        JsonNode problems = r.json().get("problems");
        for (String field : List.of("id", "title", "dataController", "modalities", "patientCount", "dateTo",
                "duoCodes", "useUntil")) {
            assertTrue(problems.has(field), "no problem reported for " + field + ": " + problems);
        }
        assertTrue(problems.get("modalities").asText().contains("XRAY"), problems.toString());
        assertTrue(problems.get("duoCodes").asText().contains("DUO:0000999"), problems.toString());
        assertTrue(r.json().get("error").asText().startsWith("The collection cannot be saved yet"), r.body());

        String id = uniqueId("it-dup");
        created(collection(id, "IT duplicate", List.of()));
        Reply dup = Http.postJson("/api/catalogue", custodian, collection(id, "IT duplicate again", List.of()));
        assertEquals(422, dup.status());
        assertTrue(dup.json().get("problems").get("id").asText().contains("already"), dup.body());

        Map<String, Object> noVersion = collection(id, "No version", List.of());
        assertEquals(422, Http.putJson("/api/catalogue/" + id, custodian, noVersion).status());
        noVersion.put("version", 0);
        assertEquals(404, Http.putJson("/api/catalogue/no-such-collection", custodian, noVersion).status());
    }

    @Test
    void anEditBasedOnAStaleVersionIsRefused() {
        String id = uniqueId("it-stale");
        created(collection(id, "IT stale", List.of()));
        Map<String, Object> first = collection(id, "First edit", List.of());
        first.put("version", 0);
        assertEquals(200, Http.putJson("/api/catalogue/" + id, custodian, first).status());
        Map<String, Object> second = collection(id, "Second edit from an old copy", List.of());
        second.put("version", 0);
        Reply r = Http.putJson("/api/catalogue/" + id, custodian, second);
        assertEquals(409, r.status(), r.body());
        assertTrue(r.json().get("error").asText().contains("changed by someone else"), r.body());
        assertEquals("First edit", Http.get("/api/catalogue/" + id, null).json().get("title").asText());
    }

    @Test
    void aCommercialApplicationIsFlaggedAgainstANonCommercialCollectionForThoseWhoMaySeeIt() {
        String id = uniqueId("it-nc");
        created(collection(id, "IT non-commercial chest CT", List.of("DUO:0000042", "DUO:0000046")));
        Map<String, Object> draft = PortalApiIT.completeDraft("Commercial nodule detector");
        draft.put("commercial", true);
        draft.put("purpose", "COMMERCIAL_PRODUCT_DEVELOPMENT");
        draft.put("datasets", List.of(Map.of("datasetId", id)));
        Reply app = Http.postJson("/api/applications", researcher, draft);
        assertEquals(201, app.status(), app.body());
        long appId = app.json().get("id").asLong();

        Reply flags = Http.get("/api/applications/" + appId + "/restriction-flags", researcher);
        assertEquals(200, flags.status(), flags.body());
        assertEquals(1, flags.json().size(), flags.body());
        JsonNode flag = flags.json().get(0);
        assertEquals(id, flag.get("datasetId").asText());
        assertEquals("DUO:0000046", flag.get("duoCode").asText());
        assertEquals("non-commercial use only", flag.get("restriction").asText());
        assertEquals("The project is declared commercial and its purpose is commercial product development, but"
                + " 'IT non-commercial chest CT' may be used for non-commercial purposes only.",
                flag.get("reason").asText());

        assertEquals(403, Http.get("/api/applications/" + appId + "/restriction-flags", researcher2).status());
        assertEquals(404, Http.get("/api/applications/999999999/restriction-flags", researcher).status());
        assertEquals(401, Http.get("/api/applications/" + appId + "/restriction-flags", null).status());

        Map<String, Object> harmless = PortalApiIT.completeDraft("Academic nodule study");
        harmless.put("datasets", List.of(Map.of("datasetId", id)));
        long harmlessId = Http.postJson("/api/applications", researcher, harmless).json().get("id").asLong();
        assertEquals("[]", Http.get("/api/applications/" + harmlessId + "/restriction-flags", researcher).body());
    }

    @Test
    void theDemoCatalogueHoldsANonCommercialCollection() {
        JsonNode demo = Http.get("/api/catalogue/demo-chest-ct", null).json();
        assertTrue(demo.get("useRestrictions").asText().contains("DUO:0000046"), demo.toString());
    }
}

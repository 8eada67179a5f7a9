package uk.nip.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * The portal's addresses and JSON API against the real server, database, workflow engine and
 * Keycloak: what each role may do, and the refusals.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PortalApiIT {

    @Deployment(testable = false)
    static WebArchive portal() {
        return PortalDeployment.builtWar();
    }

    static String researcher;
    static String researcher2;
    static String chair;
    static String member;
    static String custodian;
    static String auditor;

    @BeforeAll
    static void signIn() {
        researcher = Http.userToken("researcher");
        researcher2 = Http.userToken("researcher2");
        chair = Http.userToken("dacchair");
        member = Http.userToken("dacmember");
        custodian = Http.userToken("custodian");
        auditor = Http.userToken("auditor");
    }

    /** An application with everything submission asks for; tests change one thing at a time. */
    static Map<String, Object> completeDraft(String title) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, Object> d = new HashMap<>();
        d.put("title", title);
        d.put("laySummary", "We will teach a computer to spot early signs of lung disease on chest scans.");
        d.put("publicBenefit", "Earlier diagnosis of lung disease in NHS patients.");
        d.put("technicalSummary", "A 3D convolutional network trained on de-identified chest CT.");
        d.put("purpose", "ALGORITHM_TRAINING");
        d.put("commercial", false);
        d.put("organisation", "University of Exampleton");
        d.put("sector", "ACADEMIC");
        d.put("funders", List.of("Wellcome Trust"));
        d.put("ethicsReference", "IRAS 123456");
        d.put("ethicsExpiry", today.plusYears(2).toString());
        d.put("article6", "E_PUBLIC_TASK");
        d.put("article9", "J_ARCHIVING_RESEARCH_STATISTICS");
        d.put("datasets", List.of(Map.of("datasetId", "demo-chest-ct", "modalities", "CT", "bodyParts", "CHEST",
                "ageFrom", 18, "sex", "ANY")));
        d.put("minimisationJustification", "Adult chest CT only; no other modality or body part is needed.");
        d.put("compute", Map.of("cpuCores", 8, "gpus", 1, "storageGb", 200, "months", 12));
        d.put("startDate", today.plusMonths(1).toString());
        d.put("endDate", today.plusMonths(13).toString());
        return d;
    }

    static long create(String token, Map<String, Object> draft) {
        Reply r = Http.postJson("/api/applications", token, draft);
        assertEquals(201, r.status(), r.body());
        return r.json().get("id").asLong();
    }

    @Test
    void healthReportsPortalDatabaseAndWorkflowUp() {
        Reply r = Http.get("/health", null);
        assertEquals(200, r.status());
        JsonNode health = r.json();
        assertEquals("UP", health.get("database").asText());
        assertEquals("UP", health.get("workflow").asText());
    }

    @Test
    void publicPagesNeedNoSignIn() {
        for (String path : new String[] {"/", "/register", "/api/register", "/api/catalogue"}) {
            assertEquals(200, Http.get(path, null, "text/html,*/*").status(), path);
        }
        assertTrue(Http.get("/api/catalogue", null).json().toString().contains("demo-chest-ct"));
    }

    @Test
    void signedInAreasSendBrowsersToTheKeycloakLogin() {
        for (String area : new String[] {"/researcher/", "/committee/", "/custodian/", "/auditor/", "/admin/"}) {
            Reply r = Http.get(area, null, "text/html");
            assertEquals(302, r.status(), area);
            assertTrue(r.location().startsWith("http://localhost:8180/realms/imaging/protocol/openid-connect/auth"),
                    area + " -> " + r.location());
        }
    }

    @Test
    void theApiRefusesCallsWithoutAToken() {
        assertEquals(401, Http.get("/api/applications", null).status());
        assertEquals(401, Http.get("/api/audit/verify", null).status());
    }

    @Test
    void aDraftSavesIncompleteButSubmissionListsEveryMissingField() {
        Map<String, Object> draft = new HashMap<>();
        draft.put("title", "Half-written idea");
        long id = create(researcher, draft);
        Reply submit = Http.postJson("/api/applications/" + id + "/submit", researcher, "{}");
        assertEquals(422, submit.status(), submit.body());
        JsonNode problems = submit.json().get("problems");
        for (String field : new String[] {"laySummary", "technicalSummary", "publicBenefit", "purpose", "commercial",
            "organisation", "sector", "ethicsReference", "ethicsExpiry", "article6", "article9", "datasets",
            "minimisationJustification", "compute.cpuCores", "startDate", "endDate"}) {
            assertTrue(problems.has(field), "missing problem for " + field + ": " + problems);
        }
        assertEquals("Half-written idea", Http.get("/api/applications/" + id, researcher).json().get("title").asText());
        assertEquals("DRAFT", Http.get("/api/applications/" + id, researcher).json().get("state").asText());
    }

    @Test
    void aLaySummaryOverThreeHundredWordsIsRefusedWithTheCount() {
        Map<String, Object> draft = completeDraft("Verbose project");
        draft.put("laySummary", "word ".repeat(301));
        long id = create(researcher, draft);
        Reply submit = Http.postJson("/api/applications/" + id + "/submit", researcher, "{}");
        assertEquals(422, submit.status());
        assertTrue(submit.json().get("problems").get("laySummary").asText().contains("301 words"), submit.body());
    }

    @Test
    void aResearcherCannotSeeOrEditAnotherResearchersApplication() {
        long id = create(researcher, completeDraft("Private draft"));
        assertEquals(403, Http.get("/api/applications/" + id, researcher2).status());
        Map<String, Object> edit = completeDraft("Hijacked");
        edit.put("version", 0);
        assertEquals(403, Http.putJson("/api/applications/" + id, researcher2, edit).status());
        assertEquals(403, Http.postJson("/api/applications/" + id + "/submit", researcher2, "{}").status());
        assertFalse(Http.get("/api/applications", researcher2).body().contains("Private draft"));
    }

    @Test
    void committeeAndCustodiansDoNotSeeDraftsButSeeSubmittedApplications() {
        long id = create(researcher, completeDraft("Draft not yet for the committee"));
        assertEquals(403, Http.get("/api/applications/" + id, member).status());
        assertEquals(403, Http.get("/api/applications/" + id, custodian).status());
        assertEquals(200, Http.postJson("/api/applications/" + id + "/submit", researcher, "{}").status());
        assertEquals(200, Http.get("/api/applications/" + id, custodian).status());
        assertEquals(200, Http.get("/api/applications/" + id, auditor).status());
        // A member sees it only after declaring no conflict of interest.
        assertEquals(403, Http.get("/api/applications/" + id, member).status());
        Journeys.expect(200, Journeys.declare(id, "dacmember", false));
        assertEquals(200, Http.get("/api/applications/" + id, member).status());
    }

    @Test
    void onlyTheChairDecidesAndADecisionNeedsReasons() {
        long id = Journeys.reviewed(researcher, "Needs a decision", "REJECT");
        Map<String, Object> approve = Map.of("approve", true, "reason", "Meets the criteria.");
        assertEquals(403, Http.postJson("/api/applications/" + id + "/decision", researcher, approve).status());
        assertEquals(403, Http.postJson("/api/applications/" + id + "/decision", member, approve).status());
        assertEquals(403, Http.postJson("/api/applications/" + id + "/decision", auditor, approve).status());
        assertEquals(403, Http.postJson("/api/applications/" + id + "/decision", custodian, approve).status());
        Reply noReason = Http.postJson("/api/applications/" + id + "/decision", chair, Map.of("approve", false));
        assertEquals(422, noReason.status(), noReason.body());
        Reply rejected = Http.postJson("/api/applications/" + id + "/decision", chair,
                Map.of("approve", false, "reason", "The cohort is not justified."));
        assertEquals(200, rejected.status(), rejected.body());
        assertEquals("REJECTED", rejected.json().get("state").asText());
    }

    @Test
    void anIllegalTransitionIsRefusedNamingStateAndAction() {
        long id = create(researcher, completeDraft("Not submitted"));
        Reply r = Http.postJson("/api/applications/" + id + "/decision", chair,
                Map.of("approve", true, "reason", "Looks fine"));
        assertEquals(409, r.status(), r.body());
        String message = r.json().get("error").asText();
        assertTrue(message.contains("DRAFT") && message.contains("APPROVE"), message);
    }

    @Test
    void theSecondOfTwoConcurrentSavesGetsAConflictAndTheFirstIsKept() {
        long id = create(researcher, completeDraft("Shared draft"));
        long version = Http.get("/api/applications/" + id, researcher).json().get("version").asLong();
        Map<String, Object> first = completeDraft("First editor's title");
        first.put("version", version);
        Map<String, Object> second = completeDraft("Second editor's title");
        second.put("version", version);
        assertEquals(200, Http.putJson("/api/applications/" + id, researcher, first).status());
        Reply conflict = Http.putJson("/api/applications/" + id, researcher, second);
        assertEquals(409, conflict.status(), conflict.body());
        assertTrue(conflict.json().get("error").asText().contains("changed by someone else"));
        assertEquals("First editor's title",
                Http.get("/api/applications/" + id, researcher).json().get("title").asText());
    }

    @Test
    void everyStepIsInTheHistoryWithActorRoleTimeAndOrigin() {
        long id = create(researcher, completeDraft("Audited"));
        Http.postJson("/api/applications/" + id + "/submit", researcher, "{}");
        JsonNode history = Http.get("/api/applications/" + id + "/history", researcher).json();
        assertEquals(2, history.size());
        JsonNode submitted = history.get(1);
        assertEquals("SUBMIT", submitted.get("action").asText());
        assertEquals("researcher", submitted.get("actor").asText());
        assertEquals("researcher", submitted.get("role").asText());
        assertFalse(submitted.get("origin").asText().isBlank());
        assertFalse(submitted.get("at").asText().isBlank());
    }

    @Test
    void onlyAuditorsReadAndVerifyTheAuditTrailAndItIsIntact() {
        assertEquals(403, Http.get("/api/audit/verify", researcher).status());
        assertEquals(403, Http.get("/api/audit/records", chair).status());
        Reply verify = Http.get("/api/audit/verify", auditor);
        assertEquals(200, verify.status(), verify.body());
        assertTrue(verify.json().get("intact").asBoolean(), verify.body());
        assertTrue(verify.json().get("recordsChecked").asLong() > 0);
        JsonNode latest = Http.get("/api/audit/records?max=5", auditor).json();
        assertEquals("audit.verify", latest.get(0).get("action").asText());
    }

    @Test
    void theWorkflowEngineApiIsForTheBrokerServiceAccountOnly() {
        assertEquals(401, Http.get("/engine-rest/engine", null).status());
        assertEquals(403, Http.get("/engine-rest/engine", researcher).status());
        assertEquals(403, Http.get("/engine-rest/engine", chair).status());
        Reply broker = Http.get("/engine-rest/engine", Http.brokerToken());
        assertEquals(200, broker.status(), broker.body());
        assertTrue(broker.body().contains("default"));
    }

    /** ADR 3: the broker fetches, locks and finishes external tasks and reports progress; nothing else. */
    @Test
    void theBrokersAccountMayNotUseTheRestOfTheEngine() {
        String broker = Http.brokerToken();
        List<Reply> refused = List.of(
                Http.get("/engine-rest/process-instance", broker),
                Http.get("/engine-rest/task", broker),
                Http.get("/engine-rest/external-task", broker),
                Http.postJson("/engine-rest/task/any-task/complete", broker, Map.of()),
                Http.postJson("/engine-rest/message", broker, Map.of("messageName", "access-revoked")),
                Http.postJson("/engine-rest/process-definition/key/amendment/start", broker, Map.of()),
                Http.putJson("/engine-rest/process-instance/any/variables/decision", broker, Map.of("value", "approved")),
                Http.postJson("/engine-rest/external-task/fetchAndLock/../../task/any/complete", broker, Map.of()));
        for (Reply r : refused) {
            assertEquals(403, r.status(), r.raw().request().method() + " " + r.raw().uri() + ": " + r.body());
            assertTrue(r.json().get("error").asText().contains("may only fetch, lock and finish external tasks"),
                    r.body());
        }
        // What it needs still passes: nothing to fetch on a topic nobody uses, and no such task to finish.
        Reply fetched = Http.postJson("/engine-rest/external-task/fetchAndLock", broker, Map.of("workerId",
                "portal-api-it", "maxTasks", 1, "topics", List.of(Map.of("topicName", "no-such-topic",
                        "lockDuration", 1000))));
        assertEquals(200, fetched.status(), fetched.body());
        assertEquals(0, fetched.json().size(), fetched.body());
        Reply finished = Http.postJson("/engine-rest/external-task/no-such-task/complete", broker,
                Map.of("workerId", "portal-api-it"));
        assertEquals(404, finished.status(), finished.body());
    }
}

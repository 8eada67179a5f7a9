package uk.nip.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nip.portal.Http.Reply;

/** GET /api/tasks and claiming, over HTTP with real Keycloak tokens. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TaskApiIT {

    @Deployment(testable = false)
    static WebArchive portal() {
        return PortalDeployment.builtWar();
    }

    private static JsonNode taskFor(String token, String reference) {
        for (JsonNode t : Journeys.expect(200, Http.get("/api/tasks", token)).json()) {
            if (t.get("reference").asText().equals(reference)) {
                return t;
            }
        }
        return null;
    }

    @Test
    void theCustodianSeesAndClaimsTheScreeningTaskTheResearcherSeesNone() {
        String lead = Http.userToken("researcher");
        long id = Journeys.submitted(lead, "Task API: screening");
        String reference = Journeys.expect(200, Http.get("/api/applications/" + id, lead)).json().get("reference")
                .asText();
        String custodian = Http.userToken("custodian");
        JsonNode task = taskFor(custodian, reference);
        assertTrue(task != null, "the custodian's list has the screening task");
        assertEquals("Screen the application", task.get("name").asText());
        assertEquals("/custodian/", task.get("workUrl").asText());
        assertTrue(task.get("claimable").asBoolean());
        assertEquals(null, taskFor(lead, reference), "the researcher has no task");

        String path = "/api/tasks/" + task.get("id").asText();
        assertEquals(403, Http.postJson(path + "/claim", lead, "{}").status());
        assertEquals(404, Http.postJson("/api/tasks/no-such-task/claim", custodian, "{}").status());
        Reply claimed = Journeys.expect(200, Http.postJson(path + "/claim", custodian, "{}"));
        assertEquals("custodian", claimed.json().get("assignee").asText());
        assertEquals("custodian", taskFor(custodian, reference).get("assignee").asText());
        assertEquals(200, Http.postJson(path + "/unclaim", custodian, "{}").status());

        // Doing the work closes the task.
        Journeys.screen(id, "complete", null);
        assertEquals(null, taskFor(custodian, reference));
    }

    @Test
    void theTaskListNeedsASignedInPerson() {
        assertEquals(401, Http.get("/api/tasks", null).status());
    }
}

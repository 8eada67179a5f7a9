package uk.nip.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import uk.nip.portal.Http.Reply;

/**
 * The steps people take to move an application along, through the API, for tests that need an
 * application in a later state. Every step is a real call by the person who takes it.
 */
final class Journeys {

    private Journeys() {
    }

    /** A complete application submitted by its lead. */
    static long submitted(String leadToken, String title) {
        return submitted(leadToken, PortalApiIT.completeDraft(title));
    }

    static long submitted(String leadToken, Map<String, Object> draft) {
        long id = PortalApiIT.create(leadToken, draft);
        expect(200, Http.postJson("/api/applications/" + id + "/submit", leadToken, "{}"));
        return id;
    }

    /** Screened as complete by the custodian and now with the committee. */
    static long underReview(String leadToken, String title) {
        return underReview(leadToken, PortalApiIT.completeDraft(title));
    }

    static long underReview(String leadToken, Map<String, Object> draft) {
        long id = submitted(leadToken, draft);
        screen(id, "complete", null);
        return id;
    }

    static Reply screen(long id, String outcome, String reason) {
        return expect(200, Http.postJson("/api/applications/" + id + "/screening", Http.userToken("custodian"),
                reason == null ? Map.of("outcome", outcome) : Map.of("outcome", outcome, "reason", reason)));
    }

    static Reply declare(long id, String member, boolean conflicted) {
        return Http.postJson("/api/applications/" + id + "/review/declaration", Http.userToken(member),
                conflicted ? Map.of("conflicted", true, "statement", "I co-author with the lead applicant.")
                        : Map.of("conflicted", false));
    }

    static Reply vote(long id, String member, String choice) {
        return Http.postJson("/api/applications/" + id + "/review/vote", Http.userToken(member),
                Map.of("choice", choice, "reason", member + " votes " + choice.toLowerCase() + " after reading it."));
    }

    /** Both demo members declare no conflict and vote: the committee is quorate. */
    static long reviewed(String leadToken, String title, String choice) {
        return reviewed(leadToken, PortalApiIT.completeDraft(title), choice);
    }

    static long reviewed(String leadToken, Map<String, Object> draft, String choice) {
        long id = underReview(leadToken, draft);
        for (String member : new String[] {"dacmember", "dacmember2"}) {
            expect(200, declare(id, member, false));
            expect(200, vote(id, member, choice));
        }
        expect(200, declare(id, "dacchair", false));
        return id;
    }

    /** Reviewed, and decided by the chair. */
    static long decided(String leadToken, String title, boolean approve) {
        return decided(leadToken, PortalApiIT.completeDraft(title), approve);
    }

    static long decided(String leadToken, Map<String, Object> draft, boolean approve) {
        long id = reviewed(leadToken, draft, approve ? "APPROVE" : "REJECT");
        expect(200, Http.postJson("/api/applications/" + id + "/decision", Http.userToken("dacchair"),
                Map.of("approve", approve, "reason", approve ? "Approved on condition of annual reports." : "Not justified.")));
        return id;
    }

    /**
     * The lead and then the chair sign version 1 of the agreement the workflow issued on approval;
     * the agreement takes effect and provisioning starts.
     */
    static void agreementSigned(long id) {
        String agreements = "/api/applications/" + id + "/agreements";
        String sha256 = expect(200, Http.get(agreements, Http.userToken("researcher"))).json().get(0).get("sha256")
                .asText();
        for (String signer : new String[] {"researcher", "dacchair"}) {
            expect(200, Http.postJson(agreements + "/1/signatures", Http.userToken(signer), Map.of("sha256", sha256)));
        }
    }

    static Reply expect(int status, Reply reply) {
        assertEquals(status, reply.status(), reply.body());
        return reply;
    }

    /**
     * Approved, the agreement signed by the lead and the chair, and provisioned by the broker: ACTIVE.
     * Needs a running broker process (see BrokerProcess).
     */
    static long active(String leadToken, String title) throws InterruptedException {
        long id = decided(leadToken, title, true);
        JsonNode v1 = AgreementIT.awaitAgreements(id, leadToken).get(0);
        String hash = v1.get("sha256").asText();
        expect(200, AgreementIT.sign(id, 1, leadToken, hash));
        expect(200, AgreementIT.sign(id, 1, Http.userToken("dacchair"), hash));
        awaitState(id, leadToken, "ACTIVE", Duration.ofSeconds(180));
        return id;
    }

    static JsonNode awaitState(long id, String token, String state, Duration limit) throws InterruptedException {
        Instant end = Instant.now().plus(limit);
        JsonNode app = null;
        while (Instant.now().isBefore(end)) {
            app = Http.get("/api/applications/" + id, token).json();
            if (state.equals(app.get("state").asText())) {
                return app;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Application " + id + " did not become " + state + " within " + limit + ": " + app);
    }
}

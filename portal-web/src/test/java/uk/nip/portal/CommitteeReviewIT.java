package uk.nip.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nip.portal.Http.Reply;

/**
 * Screening, conflicts of interest, votes, quorum, clarification and the chair's decision, against
 * the real server. The demo committee has two members and a chair, with a quorum of two votes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CommitteeReviewIT {

    @Deployment(testable = false)
    static WebArchive portal() {
        return PortalDeployment.builtWar();
    }

    private static String review(long id) {
        return "/api/applications/" + id + "/review";
    }

    private static JsonNode tally(long id, String member) {
        return Journeys.expect(200, Http.get(review(id), Http.userToken(member))).json().get("tally");
    }

    @Test
    void onlyCustodiansScreenAndAReturnSaysWhy() {
        String lead = Http.userToken("researcher");
        long id = Journeys.submitted(lead, "To be screened");
        Map<String, Object> complete = Map.of("outcome", "complete");
        for (String who : new String[] {"researcher", "dacmember", "dacchair", "auditor"}) {
            assertEquals(403, Http.postJson("/api/applications/" + id + "/screening", Http.userToken(who), complete)
                    .status(), who);
        }
        Reply noReason = Http.postJson("/api/applications/" + id + "/screening", Http.userToken("custodian"),
                Map.of("outcome", "return"));
        assertEquals(422, noReason.status(), noReason.body());
        assertTrue(noReason.json().get("problems").has("reason"), noReason.body());
        Reply badOutcome = Http.postJson("/api/applications/" + id + "/screening", Http.userToken("custodian"),
                Map.of("outcome", "maybe"));
        assertEquals(422, badOutcome.status(), badOutcome.body());

        Reply returned = Journeys.screen(id, "return", "Attach the ethics approval letter.");
        assertEquals("RETURNED", returned.json().get("state").asText());
        // The lead can edit a returned application and submit it again.
        assertEquals(200, Http.postJson("/api/applications/" + id + "/submit", lead, "{}").status());
        assertEquals("UNDER_REVIEW", Journeys.screen(id, "complete", null).json().get("state").asText());
        JsonNode history = Http.get("/api/applications/" + id + "/history", lead).json();
        List<String> actions = new ArrayList<>();
        history.forEach(e -> actions.add(e.get("action").asText()));
        assertEquals(List.of("CREATE", "SUBMIT", "START_SCREENING", "RETURN_TO_APPLICANT", "SUBMIT", "START_SCREENING",
                "SEND_TO_REVIEW"), actions);
        assertEquals("Attach the ethics approval letter.", history.get(3).get("reason").asText());
        assertEquals("custodian", history.get(3).get("actor").asText());
    }

    @Test
    void aConflictedMemberCannotOpenTheReviewVoteOrCountTowardsQuorum() {
        long id = Journeys.underReview(Http.userToken("researcher"), "Conflict of interest");
        String conflicted = Http.userToken("dacmember2");

        // Before declaring, the member sees only what they need to recognise a conflict.
        Reply awaiting = Http.get("/api/committees/awaiting-declaration", conflicted);
        assertTrue(awaiting.body().contains("Conflict of interest"), awaiting.body());
        assertEquals(403, Http.get(review(id), conflicted).status());
        assertEquals(403, Http.get("/api/applications/" + id, conflicted).status());

        Reply noStatement = Http.postJson(review(id) + "/declaration", conflicted, Map.of("conflicted", true));
        assertEquals(422, noStatement.status(), noStatement.body());
        Journeys.expect(200, Journeys.declare(id, "dacmember2", true));

        // 1. cannot open the review (nor read the application)
        Reply open = Http.get(review(id), conflicted);
        assertEquals(403, open.status(), open.body());
        assertTrue(open.json().get("error").asText().contains("conflict of interest"), open.body());
        assertEquals(403, Http.get("/api/applications/" + id, conflicted).status());
        // 2. cannot vote
        assertEquals(403, Journeys.vote(id, "dacmember2", "APPROVE").status());
        // and cannot take the declaration back
        assertEquals(409, Journeys.declare(id, "dacmember2", false).status());

        // 3. does not count towards quorum: one other vote is not enough for a quorum of two.
        Journeys.expect(200, Journeys.declare(id, "dacmember", false));
        Journeys.expect(200, Journeys.vote(id, "dacmember", "APPROVE"));
        Journeys.expect(200, Journeys.declare(id, "dacchair", false));
        JsonNode tally = tally(id, "dacchair");
        assertEquals(1, tally.get("conflicted").asInt());
        assertEquals(2, tally.get("eligible").asInt());
        assertEquals(1, tally.get("cast").asInt());
        assertFalse(tally.get("quorate").asBoolean());
        Reply tooSoon = Http.postJson("/api/applications/" + id + "/decision", Http.userToken("dacchair"),
                Map.of("approve", true, "reason", "Fine."));
        assertEquals(409, tooSoon.status(), tooSoon.body());
        assertTrue(tooSoon.json().get("error").asText().contains("not quorate"), tooSoon.body());

        // The chair's own vote makes the quorum; the decision is the chair's.
        Journeys.expect(200, Journeys.vote(id, "dacchair", "APPROVE"));
        assertTrue(tally(id, "dacchair").get("quorate").asBoolean());
        Reply decided = Http.postJson("/api/applications/" + id + "/decision", Http.userToken("dacchair"),
                Map.of("approve", true, "reason", "Approved; annual progress report required."));
        assertEquals(200, decided.status(), decided.body());
        // Approval issues the data-sharing agreement in the same transaction, so it is already pending signatures.
        assertEquals("AGREEMENT_PENDING", decided.json().get("state").asText());
    }

    @Test
    void aMemberWhoDeclaresAConflictAfterVotingStopsCounting() {
        long id = Journeys.underReview(Http.userToken("researcher"), "Late conflict");
        Journeys.expect(200, Journeys.declare(id, "dacmember", false));
        Journeys.expect(200, Journeys.vote(id, "dacmember", "REJECT"));
        Journeys.expect(200, Journeys.declare(id, "dacchair", false));
        assertEquals(1, tally(id, "dacchair").get("reject").asInt());
        Journeys.expect(200, Journeys.declare(id, "dacmember", true));
        JsonNode tally = tally(id, "dacchair");
        assertEquals(0, tally.get("reject").asInt());
        assertEquals(0, tally.get("cast").asInt());
        assertEquals(1, tally.get("conflicted").asInt());
    }

    @Test
    void aVoteNeedsAChoiceAndAWrittenReasonAndOnlyCommitteeMembersVote() {
        long id = Journeys.underReview(Http.userToken("researcher"), "Votes with reasons");
        String member = Http.userToken("dacmember");
        Journeys.expect(200, Journeys.declare(id, "dacmember", false));
        Reply noReason = Http.postJson(review(id) + "/vote", member, Map.of("choice", "APPROVE"));
        assertEquals(422, noReason.status(), noReason.body());
        assertTrue(noReason.json().get("problems").has("reason"), noReason.body());
        Reply noChoice = Http.postJson(review(id) + "/vote", member, Map.of("reason", "Good."));
        assertEquals(422, noChoice.status(), noChoice.body());
        assertTrue(noChoice.json().get("problems").has("choice"), noChoice.body());
        assertEquals(400, Http.postJson(review(id) + "/vote", member, Map.of("choice", "MAYBE", "reason", "x")).status());
        for (String who : new String[] {"researcher", "custodian", "auditor", "admin"}) {
            assertEquals(403, Http.postJson(review(id) + "/vote", Http.userToken(who),
                    Map.of("choice", "APPROVE", "reason", "I would like to.")).status(), who);
            assertEquals(403, Http.postJson(review(id) + "/declaration", Http.userToken(who),
                    Map.of("conflicted", false)).status(), who);
        }
        JsonNode vote = Journeys.expect(200, Journeys.vote(id, "dacmember", "ABSTAIN")).json();
        assertEquals("ABSTAIN", vote.get("choice").asText());
        // The auditor reads the votes; the researcher does not.
        assertEquals(403, Http.get(review(id), Http.userToken("researcher")).status());
    }

    @Test
    void racingVotesLoseNothingAndAStaleChangeIsRefused() throws Exception {
        long id = Journeys.underReview(Http.userToken("researcher"), "Racing votes");
        for (String m : new String[] {"dacmember", "dacmember2", "dacchair"}) {
            Journeys.expect(200, Journeys.declare(id, m, false));
        }
        // Three members vote at the same moment: every vote counts.
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Callable<Reply>> votes = List.of(() -> Journeys.vote(id, "dacmember", "APPROVE"),
                () -> Journeys.vote(id, "dacmember2", "REJECT"), () -> Journeys.vote(id, "dacchair", "APPROVE"));
        for (Future<Reply> f : pool.invokeAll(votes)) {
            assertEquals(200, f.get().status(), f.get().body());
        }
        pool.shutdown();
        JsonNode tally = tally(id, "dacchair");
        assertEquals(2, tally.get("approve").asInt());
        assertEquals(1, tally.get("reject").asInt());

        // Changing a vote names the version it replaces; a second change from the same version is refused.
        String member = Http.userToken("dacmember");
        JsonNode votesNow = Http.get(review(id), member).json().get("votes");
        long version = -1;
        for (JsonNode v : votesNow) {
            if (v.get("member").asText().equals("dacmember")) {
                version = v.get("version").asLong();
            }
        }
        Reply first = Http.postJson(review(id) + "/vote", member,
                Map.of("choice", "REJECT", "reason", "Changed my mind after the clarification.", "version", version));
        assertEquals(200, first.status(), first.body());
        Reply stale = Http.postJson(review(id) + "/vote", member,
                Map.of("choice", "ABSTAIN", "reason", "From an old tab.", "version", version));
        assertEquals(409, stale.status(), stale.body());
        assertTrue(stale.json().get("error").asText().contains("reject"), stale.body());
        Reply again = Journeys.vote(id, "dacmember", "APPROVE");
        assertEquals(409, again.status(), "a vote without a version never overwrites: " + again.body());
        assertEquals(2, tally(id, "dacchair").get("reject").asInt());
    }

    @Test
    void clarificationIsAThreadAndTheReviewWaitsForTheAnswer() {
        String lead = Http.userToken("researcher");
        long id = Journeys.underReview(lead, "Needs clarifying");
        String member = Http.userToken("dacmember");
        Journeys.expect(200, Journeys.declare(id, "dacmember", false));
        String threads = "/api/applications/" + id + "/clarifications";
        assertEquals(422, Http.postJson(threads, member, Map.of("question", " ")).status());
        assertEquals(403, Http.postJson(threads, lead, Map.of("question", "Can I ask myself?")).status());
        assertEquals(403, Http.postJson(threads, Http.userToken("dacmember2"), Map.of("question", "Undeclared?")).status());
        long thread = Journeys.expect(200, Http.postJson(threads, member,
                Map.of("question", "Why do you need scans from 2020 as well as 2021?"))).json().get("id").asLong();
        assertEquals("CLARIFICATION_REQUESTED", Http.get("/api/applications/" + id, lead).json().get("state").asText());
        assertEquals(403, Journeys.vote(id, "dacmember", "APPROVE").status());

        // Only the lead and reviewers reply; an outsider cannot even read the thread.
        String outsider = Http.userToken("researcher2");
        assertEquals(403, Http.get(threads, outsider).status());
        assertEquals(403, Http.postJson(threads + "/" + thread + "/replies", outsider, Map.of("body", "Hi")).status());
        assertEquals(404, Http.postJson(threads + "/999999/replies", lead, Map.of("body", "Hi")).status());
        assertEquals(422, Http.postJson(threads + "/" + thread + "/replies", lead, Map.of("body", "")).status());
        Journeys.expect(200, Http.postJson(threads + "/" + thread + "/replies", lead,
                Map.of("body", "The first wave in 2020 gives the severe cases the model must learn.")));
        assertEquals("UNDER_REVIEW", Http.get("/api/applications/" + id, lead).json().get("state").asText());
        JsonNode list = Http.get(threads, lead).json();
        assertEquals(1, list.size());
        assertTrue(list.get(0).get("answered").asBoolean());
        assertEquals("researcher", list.get(0).get("replies").get(0).get("author").asText());
        Journeys.expect(200, Journeys.vote(id, "dacmember", "APPROVE"));
    }

    @Test
    void quorumAndMajorityAreConfiguredPerCommitteeByAdministrators() {
        String admin = Http.userToken("admin");
        JsonNode committee = Journeys.expect(200, Http.get("/api/committees", admin)).json().get(0);
        String path = "/api/committees/" + committee.get("id").asText();
        long version = committee.get("version").asLong();
        Map<String, Object> change = Map.of("quorum", 3, "majorityRule", "TWO_THIRDS", "reviewDays", 10,
                "version", version);
        for (String who : new String[] {"dacchair", "dacmember", "researcher", "custodian", "auditor"}) {
            assertEquals(403, Http.putJson(path, Http.userToken(who), change).status(), who);
        }
        Reply tooMany = Http.putJson(path, admin, Map.of("quorum", 9, "majorityRule", "SIMPLE", "reviewDays", 0,
                "version", version));
        assertEquals(422, tooMany.status(), tooMany.body());
        assertTrue(tooMany.json().get("problems").has("quorum") && tooMany.json().get("problems").has("reviewDays"),
                tooMany.body());
        assertEquals(422, Http.putJson(path, admin, Map.of("quorum", 2, "majorityRule", "MOST", "reviewDays", 10,
                "version", version)).status());
        JsonNode changed = Journeys.expect(200, Http.putJson(path, admin, change)).json();
        assertEquals(3, changed.get("quorum").asInt());
        assertEquals(409, Http.putJson(path, admin, change).status(), "a stale version is refused");
        // Put the demo committee back as the other tests expect it.
        Journeys.expect(200, Http.putJson(path, admin, Map.of("quorum", committee.get("quorum").asInt(),
                "majorityRule", committee.get("majorityRule").asText(), "reviewDays",
                committee.get("reviewDays").asInt(), "version", changed.get("version").asLong())));
    }
}

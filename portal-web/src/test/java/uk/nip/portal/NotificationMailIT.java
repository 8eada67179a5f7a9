package uk.nip.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nip.governance.agreement.AccessExpiringSoon;
import uk.nip.governance.application.AccessActivated;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.application.DraftForm;
import uk.nip.governance.application.TeamMember;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.Role;
import uk.nip.portal.Http.Reply;
import uk.nip.portal.MailSink.Mail;

/**
 * Mail for each step a person waits on, received by a real SMTP server: the steps people take go
 * through the API; the steps the workflow takes (access active, expiry coming) are fired inside the
 * server, as the workflow fires them. Each mail names the application and the next step, links to
 * the portal, carries no votes, reasons or questions, and is audited without its body. The chair
 * hears when the committee is quorate and a decision waits.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationMailIT {

    private static final String WORKFLOW_TITLE = "Mail from the workflow";
    private static final LocalDate ACCESS_ENDS = LocalDate.of(2027, 3, 31);
    private static final String RESEARCHER = "researcher@demo.nip.example";
    private static final String CUSTODIAN = "custodian@demo.nip.example";
    private static final String CHAIR = "dacchair@demo.nip.example";
    private static final String TEAM_MEMBER = "ravi.rao@uni.example";

    @Deployment
    static WebArchive portal() {
        // The in-server test needs its own class and the types in its signatures, never GreenMail itself.
        return PortalDeployment.builtWar().addClasses(NotificationMailIT.class, MailSink.class, MailSink.Mail.class,
                Http.class);
    }

    @Inject
    ApplicationService applications;

    @Inject
    Event<AccessActivated> activated;

    @Inject
    Event<AccessExpiringSoon> expiring;

    /** The server's JVM runs the in-container test too; the mail sink lives only in the test JVM. */
    static boolean inServer() {
        return System.getProperty("jboss.home.dir") != null;
    }

    @BeforeAll
    static void startMailSink() {
        if (!inServer()) {
            MailSink.start();
        }
    }

    @AfterAll
    static void stopMailSink() {
        if (!inServer()) {
            MailSink.stop();
        }
    }

    static String researcher() {
        return Http.userToken("researcher");
    }

    static String reference(long id) {
        return Http.get("/api/applications/" + id, researcher()).json().get("reference").asText();
    }

    static void assertLetter(Mail mail, String reference, String title, String link) {
        assertTrue(mail.body().contains("Application: " + reference + " \"" + title + "\""), mail.body());
        assertTrue(mail.body().contains("What to do next: "), mail.body());
        assertTrue(mail.body().contains("Open the portal: http://localhost:8080" + link), mail.body());
    }

    /** The mail.sent audit records of an application: recipient and subject, never the body. */
    static List<String> mailAudit(String reference, int expected) throws InterruptedException {
        return mailAudit(reference, "mail.sent", expected);
    }

    /** An application's audit records of this action, waiting up to 10 seconds for {@code expected} of them. */
    static List<String> mailAudit(String reference, String action, int expected) throws InterruptedException {
        List<String> found = auditOf(reference, action);
        for (int attempt = 0; attempt < 50 && found.size() < expected; attempt++) {
            Thread.sleep(200);
            found = auditOf(reference, action);
        }
        return found;
    }

    static List<String> auditOf(String reference, String action) {
        List<String> found = new ArrayList<>();
        Reply r = Http.get("/api/audit/records?objectType=application&max=200&objectId="
                + URLEncoder.encode(reference, StandardCharsets.UTF_8), Http.userToken("auditor"));
        assertEquals(200, r.status(), r.body());
        for (JsonNode rec : r.json()) {
            if (rec.get("action").asText().equals(action)) {
                found.add(rec.get("detail").asText());
            }
        }
        return found;
    }

    @Test
    @Order(1)
    @RunAsClient
    void submittingTellsTheTeamAndTheCustodians() throws Exception {
        String title = "Mail on submission";
        Map<String, Object> draft = PortalApiIT.completeDraft(title);
        draft.put("team", List.of(Map.of("name", "Ravi Rao", "email", TEAM_MEMBER, "username", "researcher2",
                "role", "Data scientist")));
        long id = PortalApiIT.create(researcher(), draft);
        Journeys.expect(200, Http.postJson("/api/applications/" + id + "/submit", researcher(), "{}"));
        String reference = reference(id);

        Mail lead = MailSink.await(RESEARCHER, reference, "submitted");
        assertEquals(reference + ": submitted", lead.subject());
        assertTrue(lead.body().startsWith("Dear Rhea Searle,"), lead.body());
        assertLetter(lead, reference, title, "/researcher/");
        Mail member = MailSink.await(TEAM_MEMBER, reference, "submitted");
        assertTrue(member.body().startsWith("Dear Ravi Rao,"), "the team list's name and address are used");
        Mail custodian = MailSink.await(CUSTODIAN, reference, "waiting for screening");
        assertTrue(custodian.body().contains("check that it is complete"), custodian.body());
        assertLetter(custodian, reference, title, "/custodian/");
        assertTrue(MailSink.to(CHAIR, reference).isEmpty(), "the committee hears nothing before screening");

        List<String> audit = mailAudit(reference, 3);
        assertTrue(audit.contains("to researcher, subject: " + reference + ": submitted"), audit.toString());
        assertTrue(audit.contains("to researcher2, subject: " + reference + ": submitted"), audit.toString());
        assertTrue(audit.contains("to custodian, subject: " + reference + ": submitted, waiting for screening"),
                audit.toString());
        assertFalse(audit.toString().contains("@"), "the audit names people, not their addresses");
    }

    @Test
    @Order(2)
    @RunAsClient
    void aQuestionFromTheCommitteeTellsTheLeadWithoutQuotingIt() throws Exception {
        long id = Journeys.underReview(researcher(), "Mail on a question");
        Journeys.expect(200, Journeys.declare(id, "dacmember", false));
        String question = "Which scanner models produced the images you will use?";
        Journeys.expect(200, Http.postJson("/api/applications/" + id + "/clarifications", Http.userToken("dacmember"),
                Map.of("question", question)));
        String reference = reference(id);

        Mail mail = MailSink.await(RESEARCHER, reference, "the committee asked a question");
        assertLetter(mail, reference, "Mail on a question", "/researcher/clarifications.xhtml?application=" + id);
        assertFalse(mail.body().contains("scanner models"), "the question is read in the portal, not in mail");
        assertTrue(mailAudit(reference, 2).contains("to researcher, subject: " + reference
                + ": the committee asked a question"));
    }

    @Test
    @Order(2)
    @RunAsClient
    void aReturnTellsTheLeadWhereToReadTheCustodiansNote() throws Exception {
        long id = Journeys.submitted(researcher(), "Mail on a return");
        Journeys.screen(id, "return", "The ethics approval letter is missing.");
        String reference = reference(id);

        Mail mail = MailSink.await(RESEARCHER, reference, "returned for changes");
        assertLetter(mail, reference, "Mail on a return", "/researcher/");
        assertFalse(mail.body().contains("ethics approval letter"), "the note is read in the portal, not in mail");
        JsonNode history = Http.get("/api/applications/" + id + "/history", researcher()).json();
        assertEquals("The ethics approval letter is missing.", history.get(history.size() - 1).get("reason").asText());
    }

    @Test
    @Order(3)
    @RunAsClient
    void theChairHearsWhenTheCommitteeIsQuorateAndARefusalTellsTheLeadWithoutVotesOrReasons() throws Exception {
        long id = Journeys.decided(researcher(), "Mail on a refusal", false);
        String reference = reference(id);

        Mail waiting = MailSink.await(CHAIR, reference, "waiting for your decision");
        assertEquals(1, MailSink.to(CHAIR, reference).size(),
                "only the vote that made the committee quorate tells the chair");
        assertLetter(waiting, reference, "Mail on a refusal", "/committee/review.xhtml?application=" + id);
        assertFalse(waiting.body().toLowerCase().contains("reject"), "the chair reads the votes in the portal");
        assertTrue(MailSink.to("dacmember@demo.nip.example", reference).isEmpty(), "members are not told");

        Mail mail = MailSink.await(RESEARCHER, reference, "not approved");
        assertLetter(mail, reference, "Mail on a refusal", "/researcher/");
        assertTrue(mail.body().contains("read the reasons in the portal"), mail.body());
        for (String secret : List.of("Not justified", "votes", "REJECT", "dacmember")) {
            assertFalse(mail.body().contains(secret), "mail carries no votes or reasons: " + secret);
        }
    }

    @Test
    @Order(4)
    @RunAsClient
    void approvalTellsTheLeadAndTheAgreementGoesToTheLeadAndTheChairToSign() throws Exception {
        long id = Journeys.decided(researcher(), "Mail on approval", true);
        String reference = reference(id);

        Mail approved = MailSink.await(RESEARCHER, reference, "approved");
        assertEquals(reference + ": approved", approved.subject());
        assertFalse(approved.body().contains("annual reports"), "the conditions are read in the portal");
        Mail lead = MailSink.await(RESEARCHER, reference, "agreement version 1 ready to sign");
        assertTrue(lead.body().contains("sign it as the lead applicant"), lead.body());
        assertLetter(lead, reference, "Mail on approval", "/agreements/");
        Mail chair = MailSink.await(CHAIR, reference, "agreement version 1 ready to sign");
        assertTrue(chair.body().startsWith("Dear Dora Chair,"), chair.body());
        assertTrue(chair.body().contains("sign it for the committee"), chair.body());
        assertTrue(MailSink.to("dacmember@demo.nip.example", reference).isEmpty(), "members do not sign");
    }

    @Test
    @Order(5)
    @RunAsClient
    void revocationTellsTheLeadTheGroundButNotTheStatement() throws Exception {
        long id = Journeys.decided(researcher(), "Mail on revocation", true);
        String reference = reference(id);
        MailSink.await(RESEARCHER, reference, "ready to sign");
        Journeys.expect(200, Http.postJson("/api/applications/" + id + "/revocation", Http.userToken("dacchair"),
                Map.of("ground", "BREACH", "statement", "Images were copied out of the sandbox.")));

        Mail mail = MailSink.await(RESEARCHER, reference, "access revoked");
        assertTrue(mail.body().contains("Ground: Breach of the agreement."), mail.body());
        assertTrue(mail.body().contains("stop using the data now"), mail.body());
        assertFalse(mail.body().contains("copied out"), "the statement is read in the portal");
        assertLetter(mail, reference, "Mail on revocation", "/researcher/");
        assertTrue(mailAudit(reference, 4).contains("to researcher, subject: " + reference + ": access revoked"));
    }

    /** Runs inside the server: the workflow's steps, fired as the workflow fires them. */
    @Test
    @Order(6)
    void theWorkflowSignalsAccessActiveAndExpiryComing() {
        Actor lead = Actor.of("researcher", "NotificationMailIT", Role.RESEARCHER);
        List<TeamMember> team = List.of(new TeamMember("Ravi Rao", TEAM_MEMBER, "researcher2", "Data scientist", null));
        Application app = applications.createDraft(lead, new DraftForm(WORKFLOW_TITLE, null, null, null, null, null,
                null, null, team, null, null, null, null, null, null, null, null, null, null));
        activated.fire(new AccessActivated(app.getId()));
        expiring.fire(new AccessExpiringSoon(app.getId(), app.getReference(), ACCESS_ENDS));
    }

    @Test
    @Order(7)
    @RunAsClient
    void accessActiveAndExpiryComingReachTheTeam() throws Exception {
        JsonNode mine = Http.get("/api/applications", researcher()).json();
        String reference = null;
        for (JsonNode a : mine) {
            if (WORKFLOW_TITLE.equals(a.get("title").asText())) {
                reference = a.get("reference").asText();
                break;
            }
        }
        assertTrue(reference != null, "the in-server test created an application titled " + WORKFLOW_TITLE);

        for (String address : List.of(RESEARCHER, TEAM_MEMBER)) {
            Mail active = MailSink.await(address, reference, "access active");
            assertTrue(active.body().contains("is provisioned and the project's access is active"), active.body());
            assertLetter(active, reference, WORKFLOW_TITLE, "/researcher/");
            Mail expiry = MailSink.await(address, reference, "access ends on " + ACCESS_ENDS);
            assertTrue(expiry.body().contains("ends on " + ACCESS_ENDS), expiry.body());
            assertTrue(expiry.body().contains("ask for a renewal"), expiry.body());
            assertLetter(expiry, reference, WORKFLOW_TITLE, "/researcher/amendments.xhtml");
        }
        assertEquals(4, mailAudit(reference, 4).size());
    }

    @Test
    @Order(8)
    @RunAsClient
    void mailTheServerDidNotTakeWaitsForAdministratorsToSeeAndGoesWhenTheServerIsBack() throws Exception {
        String reference;
        MailSink.stop();
        try {
            long id = PortalApiIT.create(researcher(), PortalApiIT.completeDraft("Mail while the server is down"));
            Journeys.expect(200, Http.postJson("/api/applications/" + id + "/submit", researcher(), "{}"));
            reference = reference(id);

            List<String> deferred = mailAudit(reference, "mail.deferred", 2);
            String toLead = "to researcher, subject: " + reference + ": submitted; not sent (";
            assertTrue(deferred.stream().anyMatch(d -> d.startsWith(toLead)), deferred.toString());
            assertTrue(deferred.stream().anyMatch(d -> d.startsWith("to custodian, subject: " + reference
                    + ": submitted, waiting for screening; not sent (")), deferred.toString());
            assertFalse(deferred.toString().contains("@"), "the audit names people, not their addresses");
            assertTrue(auditOf(reference, "mail.sent").isEmpty(), "nothing was sent");

            Reply list = Http.get("/api/mail/waiting", Http.userToken("admin"));
            assertEquals(200, list.status(), list.body());
            JsonNode lead = null;
            for (JsonNode m : list.json()) {
                if (m.get("reference").asText().equals(reference) && m.get("username").asText().equals("researcher")) {
                    lead = m;
                }
            }
            assertTrue(lead != null, list.body());
            assertEquals(reference + ": submitted", lead.get("subject").asText());
            assertTrue(lead.get("lastError").asText().contains("no mail server answers"), lead.toString());
            assertTrue(lead.get("nextAttemptAt").isTextual() && lead.get("givenUpAt").isNull(), lead.toString());
            assertFalse(list.body().contains("@demo.nip.example"), "administrators see who, not the address");
            assertFalse(list.body().contains("Dear "), "nor the body");
            for (String refused : List.of("researcher", "custodian", "auditor")) {
                assertEquals(403, Http.get("/api/mail/waiting", Http.userToken(refused)).status(), refused);
            }

            // the administrator has the lead's mail tried again now, and dismisses the custodian's
            String admin = Http.userToken("admin");
            String leadMail = "/api/mail/waiting/" + lead.get("id").asLong();
            long custodianId = -1;
            for (JsonNode m : list.json()) {
                if (m.get("reference").asText().equals(reference) && m.get("username").asText().equals("custodian")) {
                    custodianId = m.get("id").asLong();
                }
            }
            assertTrue(custodianId > 0, list.body());
            String custodianMail = "/api/mail/waiting/" + custodianId;
            Map<String, String> why = Map.of("reason", "Mail relay restarted");
            for (String refused : List.of("researcher", "custodian", "auditor", "dacchair")) {
                assertEquals(403, Http.postJson(leadMail + "/try-again", Http.userToken(refused), why).status(), refused);
                assertEquals(403, Http.postJson(custodianMail + "/dismiss", Http.userToken(refused), why).status(), refused);
            }
            Reply noReason = Http.postJson(leadMail + "/try-again", admin, Map.of("reason", " "));
            assertEquals(422, noReason.status(), noReason.body());
            assertTrue(noReason.body().contains("Say why the mail is tried again"), noReason.body());
            assertEquals(404, Http.postJson("/api/mail/waiting/999999999/dismiss", admin, why).status());

            Instant asked = Instant.now();
            Reply again = Http.postJson(leadMail + "/try-again", admin, why);
            assertEquals(200, again.status(), again.body());
            assertFalse(Instant.parse(again.json().get("nextAttemptAt").asText()).isAfter(Instant.now()), "due at once");
            assertFalse(Instant.parse(again.json().get("triedAgainAt").asText()).isBefore(asked.minusSeconds(5)));
            assertEquals(List.of("to researcher, subject: " + reference + ": submitted; next try was due at "),
                    auditOf(reference, "mail.retry").stream().map(d -> d.substring(0, d.indexOf(" at ") + 4)).toList());
            assertTrue(auditOf(reference, "mail.retry").get(0).endsWith("; reason: Mail relay restarted"),
                    auditOf(reference, "mail.retry").toString());

            Journeys.expect(204, Http.postJson(custodianMail + "/dismiss", admin, Map.of("reason", "Screened already")));
            List<String> dismissed = auditOf(reference, "mail.dismissed");
            assertEquals(1, dismissed.size(), dismissed.toString());
            assertTrue(dismissed.get(0).startsWith("to custodian, subject: " + reference
                    + ": submitted, waiting for screening; not sent after "), dismissed.get(0));
            assertTrue(dismissed.get(0).endsWith("; reason: Screened already"), dismissed.get(0));
            assertEquals(404, Http.postJson(custodianMail + "/dismiss", admin, why).status(), "dismissed once only");
            for (JsonNode m : Http.get("/api/mail/waiting", admin).json()) {
                assertFalse(m.get("id").asLong() == custodianId, "a dismissed mail no longer waits, so no round can send it: " + m);
            }
        } finally {
            MailSink.start();
        }

        // the first retry comes 10 s after the failure, in a round that runs every 10 s
        Mail mail = MailSink.await(RESEARCHER, reference, "submitted", 60);
        assertLetter(mail, reference, "Mail while the server is down", "/researcher/");
        List<String> sent = mailAudit(reference, 1);
        assertTrue(sent.stream().anyMatch(d -> d.matches("to researcher, subject: " + reference
                + ": submitted; on try [2-9]\\d*")), sent.toString());
        assertEquals(List.of(), MailSink.to(CUSTODIAN, reference), "the dismissed mail did not go");
        assertEquals(1, auditOf(reference, "mail.sent").size(), auditOf(reference, "mail.sent").toString());
        JsonNode after = Http.get("/api/mail/waiting", Http.userToken("admin")).json();
        for (JsonNode m : after) {
            assertFalse(m.get("reference").asText().equals(reference), "sent mail no longer waits: " + m);
        }
    }
}

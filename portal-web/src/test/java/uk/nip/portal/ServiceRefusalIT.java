package uk.nip.portal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.application.Article6Condition;
import uk.nip.governance.application.Article9Condition;
import uk.nip.governance.application.CohortSex;
import uk.nip.governance.application.ComputeNeeds;
import uk.nip.governance.application.DraftForm;
import uk.nip.governance.application.PurposeCategory;
import uk.nip.governance.application.RequestedDataset;
import uk.nip.governance.application.Sector;
import uk.nip.governance.application.TeamMember;
import uk.nip.governance.agreement.AgreementConflictException;
import uk.nip.governance.agreement.AgreementService;
import uk.nip.governance.agreement.AgreementStatus;
import uk.nip.governance.agreement.AgreementSummary;
import uk.nip.governance.agreement.RevocationGround;
import uk.nip.governance.application.AmendmentForm;
import uk.nip.governance.application.AmendmentKind;
import uk.nip.governance.application.AmendmentService;
import uk.nip.governance.audit.AuditTrail;
import uk.nip.governance.catalogue.ApplicationRestrictions;
import uk.nip.governance.catalogue.CollectionForm;
import uk.nip.governance.cohort.CohortCounts;
import uk.nip.governance.cohort.OptOutRegister;
import uk.nip.governance.catalogue.Catalogue;
import uk.nip.governance.catalogue.Dataset;
import uk.nip.governance.committee.Committee;
import uk.nip.governance.committee.CommitteeService;
import uk.nip.governance.committee.MajorityRule;
import uk.nip.governance.committee.Seat;
import uk.nip.governance.committee.VoteChoice;
import uk.nip.governance.domain.AccessDeniedException;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.ApplicationAction;
import uk.nip.governance.domain.Role;
import uk.nip.governance.notification.MailQueue;

/**
 * The per-object refusals at the service layer, inside the server: every role against every kind
 * of object it must not touch. The API tests check the same refusals over HTTP.
 */
@ExtendWith(ArquillianExtension.class)
class ServiceRefusalIT {

    @Deployment
    static WebArchive portal() {
        return PortalDeployment.builtWar();
    }

    static final Actor LEAD = Actor.of("researcher", "it", Role.RESEARCHER);
    static final Actor TEAM = Actor.of("researcher2", "it", Role.RESEARCHER);
    static final Actor OTHER = Actor.of("outsider", "it", Role.RESEARCHER);
    static final Actor MEMBER = Actor.of("dacmember", "it", Role.DAC_MEMBER);
    static final Actor CONFLICTED = Actor.of("dacmember2", "it", Role.DAC_MEMBER);
    static final Actor CHAIR = Actor.of("dacchair", "it", Role.DAC_CHAIR);
    static final Actor CUSTODIAN = Actor.of("custodian", "it", Role.CUSTODIAN);
    static final Actor AUDITOR = Actor.of("auditor", "it", Role.AUDITOR);
    static final Actor ADMIN = Actor.of("admin", "it", Role.ADMIN);
    static final Actor PUBLIC = new Actor("anonymous", Set.of(), "it");
    /** The broker's service account reaches the engine's external tasks, and no application (ADR 3). */
    static final Actor BROKER = Actor.of("service-account-dicom-broker", "it", Role.BROKER);
    /** Holds the realm's chair role but sits on this committee as a member only. */
    static final Actor MEMBER_WITH_CHAIR_ROLE = Actor.of("dacmember", "it", Role.DAC_MEMBER, Role.DAC_CHAIR);

    @Inject
    ApplicationService applications;

    @Inject
    MailQueue mail;

    @Inject
    CommitteeService committees;

    @Inject
    Catalogue catalogue;

    @Inject
    AuditTrail audit;

    @Inject
    AgreementService agreements;

    @Inject
    AmendmentService amendments;

    @Inject
    OptOutRegister optOuts;

    @Inject
    CohortCounts cohortCounts;

    @Inject
    ApplicationRestrictions restrictions;

    static DraftForm form(String title) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return new DraftForm(title, "We will teach a computer to spot lung disease on chest scans.",
                "A 3D convolutional network.", "Earlier diagnosis.", PurposeCategory.ALGORITHM_TRAINING, false,
                "University of Exampleton", Sector.ACADEMIC,
                List.of(new TeamMember("Second Researcher", "r2@example.ac.uk", "researcher2", "Analyst", null)),
                List.of("Wellcome Trust"), "IRAS 123456", today.plusYears(2), Article6Condition.E_PUBLIC_TASK,
                Article9Condition.J_ARCHIVING_RESEARCH_STATISTICS,
                List.of(new RequestedDataset("demo-chest-ct", "CT", "CHEST", null, null, 18, null, CohortSex.ANY)),
                "Adult chest CT only.", new ComputeNeeds(8, 1, 200, 12), today.plusMonths(1), today.plusMonths(13));
    }

    static void refused(Executable call, String what) {
        AccessDeniedException e = assertThrows(AccessDeniedException.class, call, what);
        assertTrue(!e.getMessage().isBlank(), what);
    }

    @Test
    void draftsBelongToTheirTeam() {
        Application draft = applications.createDraft(LEAD, form("Service refusals: draft"));
        long id = draft.getId();
        assertDoesNotThrow(() -> applications.get(TEAM, id), "team members read");
        for (Actor a : List.of(OTHER, MEMBER, CHAIR, CUSTODIAN, ADMIN, PUBLIC, BROKER)) {
            refused(() -> applications.get(a, id), a.username() + " reads a draft");
            refused(() -> applications.documents(a, id), a.username() + " lists a draft's documents");
        }
        for (Actor a : List.of(TEAM, OTHER, AUDITOR, CUSTODIAN, CHAIR)) {
            refused(() -> applications.saveDraft(a, id, draft.getVersion(), form("taken over")), a.username() + " edits");
            refused(() -> applications.submit(a, id), a.username() + " submits");
            refused(() -> applications.withdraw(a, id, "not mine"), a.username() + " withdraws");
            refused(() -> applications.addDocument(a, id, "x.pdf", new byte[] {1}), a.username() + " uploads");
        }
        refused(() -> cohortCounts.request(CUSTODIAN, id), "a custodian counts a draft's cohort");
        assertTrue(applications.visibleTo(BROKER).isEmpty(), "the broker's account lists no application");
        refused(() -> applications.createDraft(CUSTODIAN, form("not a researcher")), "custodian applies");
        refused(() -> applications.createDraft(AUDITOR, form("not a researcher")), "auditor applies");
        refused(() -> applications.createDraft(PUBLIC, form("not signed in")), "public applies");
    }

    @Test
    void reviewBelongsToTheCommitteeWithoutConflicts() {
        long id = applications.createDraft(LEAD, form("Service refusals: review")).getId();
        applications.submit(LEAD, id);
        for (Actor a : List.of(LEAD, MEMBER, CHAIR, AUDITOR, ADMIN, PUBLIC)) {
            refused(() -> applications.screen(a, id, true, null), a.username() + " screens");
        }
        applications.screen(CUSTODIAN, id, true, null);
        for (Actor a : List.of(LEAD, OTHER, CUSTODIAN, AUDITOR, ADMIN, PUBLIC)) {
            refused(() -> committees.declare(a, id, false, null), a.username() + " declares");
            refused(() -> committees.openReview(a, id), a.username() + " opens the review");
            refused(() -> committees.vote(a, id, VoteChoice.APPROVE, "yes", null), a.username() + " votes");
            refused(() -> committees.ask(a, id, "Why?"), a.username() + " asks the applicant");
        }
        // Undeclared, then conflicted: no application, no review, no vote, no question.
        refused(() -> applications.get(MEMBER, id), "undeclared member reads");
        refused(() -> committees.openReview(MEMBER, id), "undeclared member opens");
        committees.declare(CONFLICTED, id, true, "Co-investigator on the lead's grant.");
        refused(() -> applications.get(CONFLICTED, id), "conflicted member reads");
        refused(() -> committees.openReview(CONFLICTED, id), "conflicted member opens");
        refused(() -> committees.vote(CONFLICTED, id, VoteChoice.APPROVE, "yes", null), "conflicted member votes");
        refused(() -> committees.ask(CONFLICTED, id, "Why?"), "conflicted member asks");
        refused(() -> committees.votes(CONFLICTED, id), "conflicted member reads votes");
        refused(() -> committees.votes(LEAD, id), "the applicant reads votes");
        assertDoesNotThrow(() -> committees.votes(AUDITOR, id), "auditors read votes");
        refused(() -> committees.threads(OTHER, id), "an outsider reads the questions");
        for (Actor a : List.of(LEAD, MEMBER, CONFLICTED, CUSTODIAN, AUDITOR, ADMIN)) {
            refused(() -> applications.decide(a, id, true, "yes"), a.username() + " decides");
        }
        refused(() -> applications.startProvisioning(CUSTODIAN, id), "a person starts provisioning");
        refused(() -> applications.activate(ADMIN, id), "a person activates access");
        refused(() -> applications.recordProvisionedCollection(CUSTODIAN, id, "demo-chest-ct", 1, 0, "x"),
                "a person records a provisioned collection");
        refused(() -> applications.recordAddedDataset(CUSTODIAN, id, "demo-knee-mr", 1, 0, "x"),
                "a person records an added collection");
        refused(() -> applications.provisionedCollections(OTHER, id), "an outsider reads what was provisioned");
        refused(() -> applications.provisionedCollections(MEMBER, id), "an undeclared member reads what was provisioned");
        assertDoesNotThrow(() -> applications.provisionedCollections(CUSTODIAN, id), "custodians read what was provisioned");
    }

    @Test
    void committeesCatalogueAndAuditHaveTheirOwnKeepers() {
        Committee c = committees.committee(Committee.DEFAULT);
        for (Actor a : List.of(CHAIR, MEMBER, CUSTODIAN, AUDITOR, LEAD, PUBLIC)) {
            refused(() -> committees.configure(a, c.getId(), c.getVersion(), 2, MajorityRule.SIMPLE, 14),
                    a.username() + " configures the committee");
            refused(() -> committees.seatMember(a, c.getId(), a.username(), Seat.CHAIR), a.username() + " takes a seat");
        }
        for (Actor a : List.of(LEAD, MEMBER, CHAIR, AUDITOR, ADMIN, PUBLIC)) {
            refused(() -> catalogue.add(a, new Dataset("refused-" + a.username(), "Refused", "Nobody")),
                    a.username() + " adds to the catalogue");
        }
        for (Actor a : List.of(LEAD, MEMBER, CHAIR, CUSTODIAN, PUBLIC)) {
            refused(() -> audit.verify(a), a.username() + " verifies the audit trail");
            refused(() -> audit.latest(a, 10), a.username() + " reads the audit trail");
        }
        for (Actor a : List.of(LEAD, MEMBER, CHAIR, CUSTODIAN, AUDITOR, PUBLIC)) {
            refused(() -> mail.waiting(a), a.username() + " lists the mail waiting to be delivered");
            // refused before the mail is looked up: no one learns whether mail 1 exists
            refused(() -> mail.tryAgain(a, 1, "the server is back"), a.username() + " has a mail tried again");
            refused(() -> mail.dismiss(a, 1, "stale news"), a.username() + " dismisses a mail");
        }
        assertDoesNotThrow(() -> mail.waiting(ADMIN));
    }

    /** Screened, reviewed by two members and approved by the chair, all through the services. */
    long approved(String title) {
        long id = applications.createDraft(LEAD, form(title)).getId();
        applications.submit(LEAD, id);
        applications.screen(CUSTODIAN, id, true, null);
        for (Actor m : List.of(MEMBER, CONFLICTED, CHAIR)) {
            committees.declare(m, id, false, null);
        }
        committees.vote(MEMBER, id, VoteChoice.APPROVE, "Sound plan.", null);
        committees.vote(CONFLICTED, id, VoteChoice.APPROVE, "Sound plan.", null);
        applications.decide(CHAIR, id, true, "Approved.");
        return id;
    }

    @Test
    void agreementsAmendmentsCountsAndFlagsAreRefusedToTheWrongPeople() {
        long id = approved("Service refusals: agreement");
        AgreementSummary v1 = agreements.agreements(LEAD, id).get(0);
        for (Actor a : List.of(OTHER, MEMBER, CUSTODIAN, AUDITOR, ADMIN, PUBLIC, BROKER, MEMBER_WITH_CHAIR_ROLE)) {
            refused(() -> agreements.sign(a, id, v1.version(), v1.sha256()), a.username() + " signs");
        }
        refused(() -> applications.get(BROKER, id), "the broker's account reads an application");
        for (Actor a : List.of(OTHER, PUBLIC)) {
            refused(() -> agreements.agreements(a, id), a.username() + " lists agreements");
            refused(() -> agreements.pdf(a, id, v1.version()), a.username() + " downloads the agreement");
            refused(() -> restrictions.flags(a, id), a.username() + " reads restriction flags");
            refused(() -> cohortCounts.counts(a, id), a.username() + " reads cohort counts");
            refused(() -> amendments.amendments(a, id), a.username() + " lists amendments");
        }
        for (Actor a : List.of(LEAD, TEAM, MEMBER, AUDITOR, ADMIN, PUBLIC, BROKER, MEMBER_WITH_CHAIR_ROLE)) {
            refused(() -> agreements.revoke(a, id, RevocationGround.BREACH, "Because."), a.username() + " revokes");
        }
        for (Actor a : List.of(LEAD, TEAM, MEMBER, CHAIR, AUDITOR, ADMIN, PUBLIC, BROKER)) {
            refused(() -> agreements.recordRenewedEthicsApproval(a, id, "IRAS 999999",
                    LocalDate.now(ZoneOffset.UTC).plusYears(2)), a.username() + " records a renewed ethics approval");
        }
        for (Actor a : List.of(LEAD, MEMBER, CUSTODIAN, AUDITOR, BROKER, MEMBER_WITH_CHAIR_ROLE)) {
            refused(() -> agreements.issue(a, id, "another version"), a.username() + " issues an agreement");
            refused(() -> agreements.expire(a, id), a.username() + " expires access");
            refused(() -> agreements.ethicsApprovalExpired(a, id), a.username() + " suspends access");
        }
        for (Actor a : List.of(LEAD, MEMBER, CHAIR, CUSTODIAN, AUDITOR, ADMIN)) {
            refused(() -> agreements.lapseUnsigned(a, id, "P30D"), a.username() + " lapses the agreement");
            refused(() -> agreements.issueForAmendment(a, id, 1, "amended"), a.username() + " issues an amendment's version");
            refused(() -> amendments.putInEffect(a, id, 1, 2), a.username() + " puts an amendment in effect");
            refused(() -> amendments.lapse(a, id, 1), a.username() + " lapses an amendment");
        }
        AmendmentForm more = new AmendmentForm(AmendmentKind.MORE_TIME, "Recruitment was slow.",
                LocalDate.now(ZoneOffset.UTC).plusYears(3), null, null);
        for (Actor a : List.of(TEAM, OTHER, CHAIR, CUSTODIAN, AUDITOR)) {
            refused(() -> amendments.request(a, id, more), a.username() + " asks for an amendment");
        }
        for (Actor a : List.of(LEAD, MEMBER, CUSTODIAN, AUDITOR)) {
            refused(() -> amendments.decide(a, id, true, "yes"), a.username() + " decides an amendment");
        }
        for (Actor a : List.of(LEAD, OTHER, AUDITOR, ADMIN, PUBLIC)) {
            refused(() -> cohortCounts.request(a, id), a.username() + " counts the cohort");
        }
        refused(() -> cohortCounts.recordResult(CUSTODIAN, 1, "10", "10", "10", "10", "{}"), "a person records counts");
    }

    /** A member named on the applicant's team is conflicted, whatever they declare. */
    @Test
    void aCommitteeMemberOnTheTeamCannotReviewIt() {
        DraftForm f = form("Service refusals: a member on the team");
        DraftForm withMember = new DraftForm(f.title(), f.laySummary(), f.technicalSummary(), f.publicBenefit(),
                f.purpose(), f.commercial(), f.organisation(), f.sector(),
                List.of(new TeamMember("Dac Member", "m@example.ac.uk", MEMBER.username(), "Reader", null)),
                f.funders(), f.ethicsReference(), f.ethicsExpiry(), f.article6(), f.article9(), f.datasets(),
                f.minimisationJustification(), f.compute(), f.startDate(), f.endDate());
        long id = applications.createDraft(LEAD, withMember).getId();
        applications.submit(LEAD, id);
        applications.screen(CUSTODIAN, id, true, null);
        refused(() -> committees.declare(MEMBER, id, false, null), "a team member declares no conflict");
        refused(() -> committees.openReview(MEMBER, id), "a team member opens the review");
        refused(() -> committees.vote(MEMBER, id, VoteChoice.APPROVE, "Mine is good.", null), "a team member votes");
        assertDoesNotThrow(() -> committees.declare(MEMBER, id, true, "I am a reader on this project."),
                "declaring the conflict is allowed");
    }

    /**
     * A late signature gives a project that is no longer pending or active nothing new: here the
     * approval lapsed (closed) while version 1 still showed as awaiting signatures.
     */
    @Test
    void aClosedApplicationsAgreementCannotBeSigned() {
        long id = approved("Service refusals: closed before signing");
        AgreementSummary v1 = agreements.agreements(LEAD, id).get(0);
        applications.recordStep(Actor.system("workflow"), id, ApplicationAction.LAPSE, "Not signed in time.");
        AgreementConflictException e = assertThrows(AgreementConflictException.class,
                () -> agreements.sign(LEAD, id, v1.version(), v1.sha256()));
        assertTrue(e.getMessage().contains("is closed, so version 1"), e.getMessage());
    }

    /** What the amendment process does when a new version's signing period is over. */
    @Test
    void aLapsedVersionCanNoLongerBeSigned() {
        long id = approved("Service refusals: lapsed agreement");
        AgreementSummary v1 = agreements.agreements(LEAD, id).get(0);
        assertEquals(List.of(1), agreements.lapseUnsigned(Actor.system("workflow"), id, "P30D"));
        assertEquals(AgreementStatus.LAPSED, agreements.agreements(LEAD, id).get(0).status());
        AgreementConflictException e = assertThrows(AgreementConflictException.class,
                () -> agreements.sign(LEAD, id, v1.version(), v1.sha256()));
        assertTrue(e.getMessage().contains("is lapsed and can no longer be signed"), e.getMessage());
        assertEquals(List.of(), agreements.lapseUnsigned(Actor.system("workflow"), id, "P30D"), "nothing left to lapse");
    }

    @Test
    void theOptOutRegisterAndTheCatalogueBelongToCustodians() {
        for (Actor a : List.of(LEAD, MEMBER, CHAIR, AUDITOR, ADMIN, PUBLIC)) {
            refused(() -> optOuts.register(a, List.of("9990000018"), "test"), a.username() + " registers an opt-out");
            refused(() -> optOuts.remove(a, "9990000018", "test"), a.username() + " removes an opt-out");
            refused(() -> optOuts.count(a), a.username() + " reads the register's size");
            refused(() -> optOuts.contains(a, "9990000018"), a.username() + " checks a patient");
        }
        refused(() -> optOuts.snapshot(CUSTODIAN), "a person reads the whole register");
        Dataset demo = catalogue.find("demo-chest-ct").orElseThrow();
        for (Actor a : List.of(LEAD, MEMBER, CHAIR, AUDITOR, ADMIN, PUBLIC)) {
            refused(() -> catalogue.update(a, demo.getId(), 0, CollectionForm.of(demo)), a.username() + " edits a collection");
            refused(() -> catalogue.manage(a), a.username() + " opens catalogue management");
        }
    }
}

package uk.nip.governance.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import uk.nip.governance.agreement.RevocationGround;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.application.TeamMember;
import uk.nip.governance.audit.AuditTrail;
import uk.nip.governance.committee.CommitteeMember;
import uk.nip.governance.committee.CommitteeService;
import uk.nip.governance.committee.Seat;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.Role;
import uk.nip.governance.people.Person;
import uk.nip.governance.people.PersonDirectory;

/**
 * Who is told about each step, and what: the application's team, the custodians who screen, the
 * committee's chair. Each method reads the application as it is after the step was committed.
 */
@ApplicationScoped
@Transactional
public class Notices {

    private static final Logger LOG = Logger.getLogger(Notices.class.getName());

    @Inject
    ApplicationService applications;

    @Inject
    CommitteeService committees;

    @Inject
    PersonDirectory people;

    @Inject
    AuditTrail audit;

    private final String portal = Letters.portalUrl(System.getenv("NIP_PORTAL_URL"));

    public List<Notice> submitted(long applicationId) {
        Application app = applications.load(applicationId);
        List<Notice> notices = new ArrayList<>(toTeam(app, "submitted",
                "Application " + app.getReference() + " was submitted to the data access committee.",
                "nothing for now. A data custodian checks it is complete; you will hear when the committee"
                        + " asks a question or decides.", "/researcher/"));
        for (Person custodian : people.withRole(Role.CUSTODIAN)) {
            recipient(custodian.getUsername(), custodian.getDisplayName(), null).ifPresent(r -> notices.add(
                    notice(app, r, "submitted, waiting for screening",
                            "Application " + app.getReference() + " was submitted and waits for screening.",
                            "check that it is complete, then send it to the committee or back to the applicant.",
                            "/custodian/")));
        }
        return notices;
    }

    /** The custodian's note is read in the portal, not sent by mail. */
    public List<Notice> returned(long applicationId) {
        Application app = applications.load(applicationId);
        return lead(app, "returned for changes",
                "A data custodian returned application " + app.getReference() + " to you before the committee's review.",
                "open the application in the portal, read what to change under 'What has happened', edit the draft"
                        + " and submit it again.", "/researcher/");
    }

    public List<Notice> clarificationRequested(long applicationId) {
        Application app = applications.load(applicationId);
        return lead(app, "the committee asked a question",
                "A member of the data access committee asked a question about application " + app.getReference() + ".",
                "read the question in the portal and answer it; the review continues once every question is answered.",
                "/researcher/clarifications.xhtml?application=" + app.getId());
    }

    public List<Notice> decisionAwaited(long applicationId) {
        Application app = applications.load(applicationId);
        List<Notice> notices = new ArrayList<>();
        for (CommitteeMember m : committees.members(committees.committeeOf(app).getId())) {
            if (m.getSeat() == Seat.CHAIR) {
                recipient(m.getUsername(), null, null).ifPresent(r -> notices.add(notice(app, r,
                        "waiting for your decision", "The committee is quorate on application " + app.getReference()
                                + ".", "read the review and record the decision, with its conditions or reasons.",
                        "/committee/review.xhtml?application=" + app.getId())));
            }
        }
        return notices;
    }

    public List<Notice> decided(long applicationId, boolean approved) {
        Application app = applications.load(applicationId);
        return approved
                ? toTeam(app, "approved", "The committee chair approved application " + app.getReference() + ".",
                        "the data-sharing agreement is being prepared; the lead applicant will be asked to sign it."
                                + " The conditions of approval are in the portal.", "/researcher/")
                : toTeam(app, "not approved", "The committee chair did not approve application " + app.getReference()
                        + ".", "read the reasons in the portal; you may start a new application that addresses them.",
                        "/researcher/");
    }

    public List<Notice> amendmentDecided(long applicationId, boolean approved, String summary) {
        Application app = applications.load(applicationId);
        return approved
                ? toTeam(app, "amendment approved", "The committee chair approved the amendment to application "
                        + app.getReference() + " (" + summary + ").", "the lead applicant and the chair sign the"
                        + " new agreement version; until then the current one governs your access.", "/researcher/")
                : toTeam(app, "amendment not approved", "The committee chair did not approve the amendment to"
                        + " application " + app.getReference() + " (" + summary + ").", "read the reasons in the"
                        + " portal; your access continues under the current agreement.", "/researcher/");
    }

    public List<Notice> agreementIssued(long applicationId, int version) {
        Application app = applications.load(applicationId);
        String what = "agreement version " + version + " ready to sign";
        String happened = "Version " + version + " of the data-sharing agreement for application " + app.getReference()
                + " is ready to sign.";
        List<Notice> notices = new ArrayList<>(lead(app, what, happened,
                "read the agreement in the portal and sign it as the lead applicant; the committee chair signs"
                        + " it too, and it takes effect with both signatures.", "/agreements/"));
        for (CommitteeMember m : committees.members(committees.committeeOf(app).getId())) {
            if (m.getSeat() == Seat.CHAIR) {
                recipient(m.getUsername(), null, null).ifPresent(r -> notices.add(notice(app, r, what, happened,
                        "read the agreement in the portal and sign it for the committee.", "/agreements/")));
            }
        }
        return notices;
    }

    public List<Notice> activated(long applicationId) {
        Application app = applications.load(applicationId);
        return toTeam(app, "access active", "The de-identified data for application " + app.getReference()
                + " is provisioned and the project's access is active.",
                "sign in and work with the data in the project's secure sandbox, under the signed agreement.",
                "/researcher/");
    }

    public List<Notice> expiringSoon(long applicationId, LocalDate endDate) {
        Application app = applications.load(applicationId);
        return toTeam(app, "access ends on " + endDate, "Access for application " + app.getReference()
                + " ends on " + endDate + ", when the data-sharing agreement expires.",
                "if the project needs more time, ask for a renewal in the portal before then; otherwise prepare"
                        + " to finish, as the data is destroyed after access ends.", "/researcher/amendments.xhtml");
    }

    public List<Notice> revoked(long applicationId, RevocationGround ground) {
        Application app = applications.load(applicationId);
        return toTeam(app, "access revoked", "Access for application " + app.getReference()
                + " was revoked. Ground: " + ground.label() + ".",
                "stop using the data now; access has ended and the project's released data is destroyed."
                        + " The decision and its statement are in the portal.", "/researcher/");
    }

    public List<Notice> suspended(long applicationId) {
        Application app = applications.load(applicationId);
        return toTeam(app, "access suspended", "Access for application " + app.getReference()
                + " is suspended because the project's ethics approval ended.",
                "send the renewed ethics approval to the platform's data custodians; access resumes once a"
                        + " custodian has recorded it.",
                "/researcher/");
    }

    public List<Notice> resumed(long applicationId) {
        Application app = applications.load(applicationId);
        return toTeam(app, "access resumed", "A data custodian recorded the renewed ethics approval of application "
                + app.getReference() + " (" + app.getEthicsReference() + ", until " + app.getEthicsExpiry()
                + "), and access has resumed.", "nothing; work with the data under the agreement as before.",
                "/researcher/");
    }

    public List<Notice> ethicsRenewed(long applicationId) {
        Application app = applications.load(applicationId);
        return toTeam(app, "ethics approval renewed", "A data custodian recorded the renewed ethics approval of"
                + " application " + app.getReference() + " (" + app.getEthicsReference() + ", until "
                + app.getEthicsExpiry() + "). Access continues; it is suspended only if this approval ends first.",
                "nothing; work with the data under the agreement as before.", "/researcher/");
    }

    public List<Notice> ended(long applicationId) {
        Application app = applications.load(applicationId);
        return toTeam(app, "access ended", "The data-sharing agreement for application " + app.getReference()
                + " expired and access has ended.",
                "confirm the destruction of any copies of the data within the agreed period.", "/researcher/");
    }

    /** A mail that went out: who to and what about, never the body. */
    public void recordSent(Notice notice) {
        audit.record(Actor.system("mail"), "mail.sent", "application", notice.reference(),
                "to " + notice.username() + ", subject: " + notice.subject());
    }

    private List<Notice> lead(Application app, String what, String happened, String next, String path) {
        Optional<TeamMember> entry = app.getTeam().stream()
                .filter(m -> app.getLeadUsername().equals(m.getUsername())).findFirst();
        return recipient(app.getLeadUsername(), entry.map(TeamMember::getName).orElse(null),
                entry.map(TeamMember::getEmail).orElse(null))
                .map(r -> List.of(notice(app, r, what, happened, next, path))).orElse(List.of());
    }

    /** The lead and every team member with a portal account, each once. */
    private List<Notice> toTeam(Application app, String what, String happened, String next, String path) {
        List<Notice> notices = new ArrayList<>(lead(app, what, happened, next, path));
        Set<String> told = new HashSet<>(Set.of(app.getLeadUsername()));
        for (TeamMember m : app.getTeam()) {
            if (m.getUsername() != null && !m.getUsername().isBlank() && told.add(m.getUsername())) {
                recipient(m.getUsername(), m.getName(), m.getEmail())
                        .ifPresent(r -> notices.add(notice(app, r, what, happened, next, path)));
            }
        }
        return notices;
    }

    private Notice notice(Application app, Recipient r, String what, String happened, String next, String path) {
        return new Notice(app.getReference(), r.username(), r.address(), Letters.subject(app.getReference(), what),
                Letters.body(r.name(), app.getReference(), app.getTitle(), happened, next, portal + path));
    }

    /** The address given on the application, else the one the identity provider gave at sign-in. */
    private Optional<Recipient> recipient(String username, String name, String address) {
        Optional<Person> person = people.find(username);
        String to = address != null && !address.isBlank() ? address : person.map(Person::getEmail).orElse(null);
        if (to == null) {
            LOG.info(() -> "No email address known for " + username + "; they are not told by mail.");
            return Optional.empty();
        }
        String greeting = name != null && !name.isBlank() ? name : person.map(Person::getDisplayName).orElse(username);
        return Optional.of(new Recipient(username, greeting, to));
    }

    private record Recipient(String username, String name, String address) {
    }
}

package uk.nip.governance.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.nip.governance.audit.AuditTrail;
import uk.nip.governance.catalogue.Catalogue;
import uk.nip.governance.committee.CommitteeService;
import uk.nip.governance.committee.Tally;
import uk.nip.governance.domain.AccessDeniedException;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.ApplicationAction;
import uk.nip.governance.domain.ApplicationState;
import uk.nip.governance.domain.Lifecycle;
import uk.nip.governance.domain.Role;

/**
 * Amendments and renewals of active applications. Each goes back to the committee in a new review
 * round (fresh declarations and votes) and, once the chair approves, leads to a new agreement
 * version. The amendment process (workflow) runs the review round and issues that version; the
 * change becomes the application's only when both parties have signed it (ADR 14).
 */
@ApplicationScoped
@Transactional
public class AmendmentService {

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationService applications;

    @Inject
    CommitteeService committees;

    @Inject
    Catalogue catalogue;

    @Inject
    AuditTrail audit;

    @Inject
    Event<AmendmentRequested> requested;

    @Inject
    Event<AmendmentDecided> decided;

    public Amendment request(Actor actor, long applicationId, AmendmentForm form) {
        Application app = applications.load(applicationId);
        if (!app.getLeadUsername().equals(actor.username())) {
            throw new AccessDeniedException("Only the lead applicant may ask to amend " + app.getReference() + ".");
        }
        Lifecycle.next(app.getState(), ApplicationAction.REQUEST_AMENDMENT);
        if (open(app).isPresent()) {
            throw new ConcurrentEditException("Application " + app.getReference()
                    + " already has an amendment under review; wait for the committee's decision.");
        }
        // its agreement version would be superseded by the next one, and the approved change lost
        Optional<Amendment> unsigned = awaitingSignatures(app);
        if (unsigned.isPresent()) {
            throw new ConcurrentEditException("The approved amendment of " + app.getReference() + " ("
                    + unsigned.get().summary() + ") waits for both signatures on its agreement version; ask for "
                    + "another change once it is signed or its signing period has ended.");
        }
        Map<String, String> problems = problems(app, form);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        app.nextReviewRound();
        Amendment a = new Amendment(app.getId(), app.getReviewRound(), form.kind(), form.description().strip(),
                form.newEndDate(), form.addedDatasetIds(), form.addedMembers(), actor.username(), Instant.now());
        em.persist(a);
        applications.recordStep(actor, app.getId(), ApplicationAction.REQUEST_AMENDMENT,
                a.summary() + " (review round " + a.getReviewRound() + "): " + a.getDescription());
        requested.fire(new AmendmentRequested(app.getId(), app.getReference(), a.getId(), a.getKind(), a.summary()));
        return a;
    }

    /** The chair's decision on the open amendment, once the committee is quorate in its round. */
    public Amendment decide(Actor actor, long applicationId, boolean approve, String reason) {
        if (!actor.has(Role.DAC_CHAIR)) {
            throw new AccessDeniedException("Only the committee chair decides on amendments.");
        }
        Application app = applications.load(applicationId);
        Amendment a = open(app).orElseThrow(() -> new AccessDeniedException("Application " + app.getReference()
                + " has no amendment waiting for a decision."));
        if (committees.awaitingAnswers(app)) {
            throw new ConcurrentEditException("The applicant has not yet answered every question asked about this "
                    + "amendment of " + app.getReference() + "; decide once they have.");
        }
        Tally tally = committees.requireMayDecide(actor, app);
        if (reason == null || reason.isBlank()) {
            throw new ValidationException(Map.of("reason", "A decision must state its conditions or reasons."));
        }
        TextLimits.require("reason", reason, TextLimits.AFTER_A_SUMMARY);
        // an approved change waits for its agreement version: until both sign, the version in effect governs
        a.decide(approve, actor.username(), Instant.now(), reason.strip());
        applications.recordStep(actor, app.getId(),
                approve ? ApplicationAction.APPROVE_AMENDMENT : ApplicationAction.REJECT_AMENDMENT,
                a.summary() + ": " + reason.strip());
        audit.record(actor, "review.tally", "application", app.getReference(),
                "amendment " + a.getId() + " decided on " + tally.summary());
        decided.fire(new AmendmentDecided(app.getId(), a.getId(), approve, a.summary()));
        return a;
    }

    /**
     * Makes an approved amendment part of the application once the agreement version carrying it
     * is signed by both parties: from then on its end date, datasets and team are the project's.
     */
    public Application putInEffect(Actor actor, long applicationId, long amendmentId, int agreementVersion) {
        if (!actor.isSystem()) {
            throw new AccessDeniedException("An amendment takes effect when its agreement version is signed, not "
                    + "by hand.");
        }
        Application app = applications.load(applicationId);
        Amendment a = approved(app, amendmentId);
        app.amend(a);
        a.takeEffect();
        audit.record(actor, "amendment.in-effect", "application", app.getReference(),
                a.summary() + " in effect with agreement version " + agreementVersion);
        return app;
    }

    /** The amendment's agreement version was not signed in time: the application stays as it was. */
    public Amendment lapse(Actor actor, long applicationId, long amendmentId) {
        if (!actor.isSystem()) {
            throw new AccessDeniedException("An amendment lapses when its signing period ends, not by hand.");
        }
        Application app = applications.load(applicationId);
        Amendment a = approved(app, amendmentId);
        a.lapse();
        audit.record(actor, "amendment.lapse", "application", app.getReference(),
                a.summary() + ": its agreement version was not signed in time; nothing changed");
        return a;
    }

    /**
     * Access was revoked, ended or suspended: an amendment not yet in effect can no longer take
     * effect, so it is closed, and the committee is no longer asked to review it.
     */
    public void closeWithAccess(Actor actor, Application app, String why) {
        List<Amendment> notInEffect = em.createQuery("select a from Amendment a where a.applicationId = :id "
                + "and a.status in :open", Amendment.class).setParameter("id", app.getId())
                .setParameter("open", List.of(AmendmentStatus.UNDER_REVIEW, AmendmentStatus.APPROVED)).getResultList();
        for (Amendment a : notInEffect) {
            a.close();
            audit.record(actor, "amendment.close", "application", app.getReference(),
                    a.summary() + ": closed before it took effect; " + why);
        }
    }

    /** An approved amendment of this application, for the agreement version that carries it. */
    public Amendment approved(Application app, long amendmentId) {
        return withStatus(app, amendmentId, AmendmentStatus.APPROVED);
    }

    /** An amendment of this application now in effect. */
    public Amendment inEffect(Application app, long amendmentId) {
        return withStatus(app, amendmentId, AmendmentStatus.IN_EFFECT);
    }

    private Amendment withStatus(Application app, long amendmentId, AmendmentStatus status) {
        Amendment a = em.find(Amendment.class, amendmentId);
        if (a == null || a.getApplicationId() != app.getId() || a.getStatus() != status) {
            throw new IllegalStateException("Amendment " + amendmentId + " of " + app.getReference() + " is not "
                    + status.label().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        return a;
    }

    public List<Amendment> amendments(Actor actor, long applicationId) {
        applications.get(actor, applicationId);
        return em.createQuery("select a from Amendment a where a.applicationId = :id order by a.id", Amendment.class)
                .setParameter("id", applicationId).getResultList();
    }

    public Optional<Amendment> open(Application app) {
        return committees.openAmendment(app);
    }

    /** The approved amendment whose agreement version has yet to be signed by both parties, if any. */
    public Optional<Amendment> awaitingSignatures(Application app) {
        return em.createQuery("select a from Amendment a where a.applicationId = :id and a.status = :s", Amendment.class)
                .setParameter("id", app.getId()).setParameter("s", AmendmentStatus.APPROVED)
                .getResultStream().findFirst();
    }

    private Map<String, String> problems(Application app, AmendmentForm form) {
        Map<String, String> p = new LinkedHashMap<>();
        if (form.kind() == null) {
            p.put("kind", "Choose what the amendment asks for: more data (MORE_DATA), more time (MORE_TIME), new team "
                    + "members (NEW_MEMBERS) or a renewal (RENEWAL).");
            return p;
        }
        if (form.description() == null || form.description().isBlank()) {
            p.put("description", "Explain why the change is needed.");
        } else {
            TextLimits.check(p, "description", form.description().strip(), TextLimits.AFTER_A_SUMMARY);
        }
        // every field given takes effect with the amendment, so one that does not belong to its kind is refused
        AmendmentKind kind = form.kind();
        if (form.newEndDate() != null && kind != AmendmentKind.MORE_TIME && kind != AmendmentKind.RENEWAL) {
            p.put("newEndDate", "Only a 'More time' or 'Renewal' amendment changes the end date; leave it out of a '"
                    + kind.label() + "' amendment.");
        }
        if (!form.addedDatasetIds().isEmpty() && kind != AmendmentKind.MORE_DATA) {
            p.put("addedDatasetIds", "Only a 'More data' amendment adds collections; leave them out of a '"
                    + kind.label() + "' amendment.");
        }
        if (!form.addedMembers().isEmpty() && kind != AmendmentKind.NEW_MEMBERS) {
            p.put("addedMembers", "Only a 'New team members' amendment adds people; leave them out of a '"
                    + kind.label() + "' amendment.");
        }
        switch (form.kind()) {
            case MORE_TIME, RENEWAL -> {
                if (form.newEndDate() == null) {
                    p.put("newEndDate", "Give the new end date.");
                } else if (app.getEndDate() != null && !form.newEndDate().isAfter(app.getEndDate())) {
                    p.put("newEndDate", "The new end date must be after the current one, " + app.getEndDate() + ".");
                }
            }
            case MORE_DATA -> {
                if (form.addedDatasetIds().isEmpty()) {
                    p.put("addedDatasetIds", "Name at least one collection to add.");
                }
                for (String d : form.addedDatasetIds()) {
                    if (form.addedDatasetIds().indexOf(d) != form.addedDatasetIds().lastIndexOf(d)) {
                        p.put("addedDatasetIds", "'" + d + "' is named more than once.");
                    } else if (catalogue.find(d).isEmpty()) {
                        p.put("addedDatasetIds", "'" + d + "' is not a collection in the catalogue.");
                    } else if (app.getDatasets().stream().anyMatch(r -> d.equals(r.getDatasetId()))) {
                        p.put("addedDatasetIds", "'" + d + "' is already part of this application.");
                    }
                }
            }
            case NEW_MEMBERS -> {
                if (form.addedMembers().isEmpty()) {
                    p.put("addedMembers", "Name at least one new team member.");
                }
                for (int i = 0; i < form.addedMembers().size(); i++) {
                    TeamMember m = form.addedMembers().get(i);
                    String key = "addedMembers[" + i + "].";
                    String who = "new member " + (i + 1);
                    DraftForm.memberTooLong(p, "addedMembers[" + i + "]", m);
                    if (m.getName() == null || m.getName().isBlank()) {
                        p.put(key + "name", "Give the member's name.");
                    }
                    // the committee weighs who joins by what they will do, as for the team at submission
                    if (m.getRole() == null || m.getRole().isBlank()) {
                        p.put(key + "role", "Say what " + who + " will do in the project.");
                    }
                    SubmissionCheck.contact(p, key, who, m);
                    SubmissionCheck.orcid(p, key, m);
                }
            }
        }
        return p;
    }
}

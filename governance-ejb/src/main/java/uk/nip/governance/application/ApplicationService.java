package uk.nip.governance.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.nip.governance.audit.AuditTrail;
import uk.nip.governance.catalogue.Catalogue;
import uk.nip.governance.domain.AccessDeniedException;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.ApplicationAction;
import uk.nip.governance.domain.ApplicationState;
import uk.nip.governance.domain.Lifecycle;
import uk.nip.governance.domain.NotFoundException;
import uk.nip.governance.domain.Role;

/** The use cases of an application, each checking who may act on this particular application. */
@ApplicationScoped
@Transactional
public class ApplicationService {

    static final int LAY_SUMMARY_MAX_WORDS = 300;

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    Catalogue catalogue;

    @Inject
    Event<ApplicationSubmitted> submitted;

    @Inject
    Event<DecisionRecorded> decided;

    public Application createDraft(Actor actor, DraftForm form) {
        if (!actor.has(Role.RESEARCHER)) {
            throw new AccessDeniedException("Only researchers can start an application.");
        }
        Instant now = Instant.now();
        Application app = new Application("new-" + java.util.UUID.randomUUID().toString().replace("-", ""), actor.username(), now);
        apply(app, form);
        em.persist(app);
        em.flush();
        app.setReference(String.format("NIP-%d-%04d", now.atZone(ZoneOffset.UTC).getYear(), app.getId()));
        em.persist(new ApplicationEvent(app.getId(), ApplicationAction.CREATE, null, ApplicationState.DRAFT,
                actor.username(), actor.primaryRole(), now, null, actor.origin()));
        audit.record(actor, "application.create", "application", app.getReference(), "draft created");
        return app;
    }

    /** Saves a draft however incomplete; refuses if someone saved a newer version meanwhile. */
    public Application saveDraft(Actor actor, long id, long expectedVersion, DraftForm form) {
        Application app = load(id);
        requireLead(actor, app, "edit");
        if (app.getState() != ApplicationState.DRAFT && app.getState() != ApplicationState.RETURNED) {
            throw new AccessDeniedException("Application " + app.getReference() + " is "
                    + app.getState().label().toLowerCase() + " and can no longer be edited.");
        }
        if (app.getVersion() != expectedVersion) {
            throw conflict(app);
        }
        apply(app, form);
        flush(app);
        audit.record(actor, "application.save-draft", "application", app.getReference(), null);
        return app;
    }

    public Application submit(Actor actor, long id) {
        Application app = load(id);
        requireLead(actor, app, "submit");
        Map<String, String> problems = validate(app);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        transition(actor, app, ApplicationAction.SUBMIT, null);
        submitted.fire(new ApplicationSubmitted(app.getId(), app.getReference()));
        return app;
    }

    public Application withdraw(Actor actor, long id, String reason) {
        Application app = load(id);
        requireLead(actor, app, "withdraw");
        transition(actor, app, ApplicationAction.WITHDRAW, reason);
        return app;
    }

    /** The chair's decision. A person always decides: there is no automatic path to APPROVED. */
    public Application decide(Actor actor, long id, boolean approve, String reason) {
        if (!actor.has(Role.DAC_CHAIR)) {
            throw new AccessDeniedException("Only the committee chair records decisions.");
        }
        if (reason == null || reason.isBlank()) {
            throw new ValidationException(Map.of("reason", "A decision must state its conditions or reasons."));
        }
        Application app = load(id);
        transition(actor, app, approve ? ApplicationAction.APPROVE : ApplicationAction.REJECT, reason.strip());
        app.recordDecision(Instant.now(), reason.strip());
        decided.fire(new DecisionRecorded(app.getId(), approve));
        return app;
    }

    public Application startProvisioning(Actor actor, long id) {
        requireSystem(actor);
        Application app = load(id);
        transition(actor, app, ApplicationAction.START_PROVISIONING, null);
        return app;
    }

    public Application activate(Actor actor, long id, long filesProvisioned, String manifestSha256) {
        requireSystem(actor);
        Application app = load(id);
        transition(actor, app, ApplicationAction.ACTIVATE,
                filesProvisioned + " de-identified files provisioned, manifest " + manifestSha256);
        app.recordProvisioning(filesProvisioned, manifestSha256);
        return app;
    }

    public Application get(Actor actor, long id) {
        Application app = load(id);
        if (!mayView(actor, app)) {
            throw new AccessDeniedException("You may not see application " + app.getReference() + ".");
        }
        return app;
    }

    public List<ApplicationEvent> history(Actor actor, long id) {
        get(actor, id);
        return em.createQuery("select e from ApplicationEvent e where e.applicationId = :id order by e.id",
                ApplicationEvent.class).setParameter("id", id).getResultList();
    }

    /** The applications this actor may see, newest first. */
    public List<Application> visibleTo(Actor actor) {
        List<Application> all = em.createQuery("select a from Application a order by a.id desc", Application.class)
                .getResultList();
        return all.stream().filter(a -> mayView(actor, a)).toList();
    }

    /** Applications waiting for the chair's decision. */
    public List<Application> awaitingDecision(Actor actor) {
        return visibleTo(actor).stream()
                .filter(a -> Lifecycle.allows(a.getState(), ApplicationAction.APPROVE))
                .toList();
    }

    public static boolean mayView(Actor actor, Application app) {
        if (actor.isSystem() || actor.has(Role.AUDITOR) || app.getLeadUsername().equals(actor.username())) {
            return true;
        }
        boolean submitted = app.getState() != ApplicationState.DRAFT;
        return submitted && (actor.has(Role.DAC_MEMBER) || actor.has(Role.DAC_CHAIR) || actor.has(Role.CUSTODIAN)
                || actor.has(Role.ADMIN));
    }

    Map<String, String> validate(Application app) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (blank(app.getTitle())) {
            problems.put("title", "Give the project a title.");
        }
        if (blank(app.getLaySummary())) {
            problems.put("laySummary", "Write a lay summary in plain English; it is published on the register.");
        } else if (app.getLaySummary().strip().split("\\s+").length > LAY_SUMMARY_MAX_WORDS) {
            problems.put("laySummary", "The lay summary has " + app.getLaySummary().strip().split("\\s+").length
                    + " words; the limit is " + LAY_SUMMARY_MAX_WORDS + ".");
        }
        if (blank(app.getPublicBenefit())) {
            problems.put("publicBenefit", "State the public benefit of the project.");
        }
        if (blank(app.getOrganisation())) {
            problems.put("organisation", "Name the lead organisation.");
        }
        if (blank(app.getDatasetId())) {
            problems.put("datasetId", "Choose the dataset you are requesting.");
        } else if (catalogue.find(app.getDatasetId()).isEmpty()) {
            problems.put("datasetId", "Dataset '" + app.getDatasetId() + "' is not in the catalogue.");
        }
        return problems;
    }

    private void transition(Actor actor, Application app, ApplicationAction action, String reason) {
        ApplicationState from = app.getState();
        ApplicationState to = Lifecycle.next(from, action);
        app.moveTo(to);
        flush(app);
        em.persist(new ApplicationEvent(app.getId(), action, from, to, actor.username(), actor.primaryRole(),
                Instant.now(), reason, actor.origin()));
        audit.record(actor, "application." + action.name().toLowerCase().replace('_', '-'), "application",
                app.getReference(), from + " -> " + to + (reason == null ? "" : ": " + reason));
    }

    private void flush(Application app) {
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw conflict(app);
        }
    }

    private static ConcurrentEditException conflict(Application app) {
        return new ConcurrentEditException("Application " + app.getReference()
                + " was changed by someone else while you were working on it. Reload it to see their changes;"
                + " your own edits were not saved.");
    }

    private Application load(long id) {
        Application app = em.find(Application.class, id);
        if (app == null) {
            throw new NotFoundException("There is no application " + id + ".");
        }
        return app;
    }

    private static void requireLead(Actor actor, Application app, String what) {
        if (!app.getLeadUsername().equals(actor.username())) {
            throw new AccessDeniedException("Only the lead applicant may " + what + " application "
                    + app.getReference() + ".");
        }
    }

    private static void requireSystem(Actor actor) {
        if (!actor.isSystem()) {
            throw new AccessDeniedException("Only the workflow engine performs this step.");
        }
    }

    private static void apply(Application app, DraftForm form) {
        app.setTitle(form.title() == null ? "" : form.title().strip());
        app.setLaySummary(form.laySummary());
        app.setPublicBenefit(form.publicBenefit());
        app.setTechnicalSummary(form.technicalSummary());
        app.setOrganisation(form.organisation());
        app.setDatasetId(form.datasetId());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

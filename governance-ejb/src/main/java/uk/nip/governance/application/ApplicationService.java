package uk.nip.governance.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import uk.nip.governance.audit.AuditTrail;
import uk.nip.governance.catalogue.Catalogue;
import uk.nip.governance.committee.CommitteeService;
import uk.nip.governance.committee.Tally;
import uk.nip.governance.domain.AccessDeniedException;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.ApplicationAction;
import uk.nip.governance.domain.ApplicationState;
import uk.nip.governance.domain.Lifecycle;
import uk.nip.governance.domain.NotFoundException;
import uk.nip.governance.domain.Role;
import uk.nip.governance.domain.Sha256;

/** The use cases of an application, each checking who may act on this particular application. */
@ApplicationScoped
@Transactional
public class ApplicationService {

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    Catalogue catalogue;

    @Inject
    CommitteeService committees;

    @Inject
    Event<ApplicationSubmitted> submitted;

    @Inject
    Event<DecisionRecorded> decided;

    @Inject
    Event<AccessActivated> activated;

    @Inject
    Event<ScreeningCompleted> screened;

    @Inject
    Event<ApplicationWithdrawn> withdrawn;

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
        requireEditable(app);
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
            throw new ValidationException("The application cannot be submitted yet", problems);
        }
        transition(actor, app, ApplicationAction.SUBMIT, null);
        submitted.fire(new ApplicationSubmitted(app.getId(), app.getReference()));
        return app;
    }

    /** The lead takes the application back before the committee decides; the reason is kept. */
    public Application withdraw(Actor actor, long id, String reason) {
        Application app = load(id);
        requireLead(actor, app, "withdraw");
        if (reason == null || reason.isBlank()) {
            throw new ValidationException(Map.of("reason", "Say why the application is withdrawn."));
        }
        TextLimits.require("reason", reason, TextLimits.EVENT_REASON);
        transition(actor, app, ApplicationAction.WITHDRAW, reason.strip());
        withdrawn.fire(new ApplicationWithdrawn(app.getId(), app.getReference()));
        return app;
    }

    /** Adds a supporting PDF to an application the lead is still editing. */
    public DocumentSummary addDocument(Actor actor, long id, String filename, byte[] content) {
        Application app = load(id);
        requireLead(actor, app, "add documents to");
        requireEditable(app);
        String name = PdfUpload.safeName(filename);
        PdfUpload.check(name, content);
        SupportingDocument doc = new SupportingDocument(app.getId(), name, content, Sha256.hex(content),
                actor.username(), Instant.now());
        em.persist(doc);
        em.flush();
        audit.record(actor, "document.upload", "application", app.getReference(),
                "document " + doc.getId() + " '" + name + "', " + doc.getSize() + " bytes, sha256 " + doc.getSha256());
        return summary(doc);
    }

    public List<DocumentSummary> documents(Actor actor, long id) {
        get(actor, id);
        // Columns, not entities: listing never reads the documents' bytes.
        return em.createQuery("select d.id, d.filename, d.sizeBytes, d.sha256, d.uploadedBy, d.uploadedAt"
                + " from SupportingDocument d where d.applicationId = :id order by d.id", Object[].class)
                .setParameter("id", id).getResultStream()
                .map(r -> new DocumentSummary((Long) r[0], (String) r[1], ((Number) r[2]).longValue(), (String) r[3],
                        (String) r[4], (Instant) r[5]))
                .toList();
    }

    /** A document's bytes, for those who may see the application; every download is audited. */
    public SupportingDocument download(Actor actor, long id, long documentId) {
        Application app = get(actor, id);
        SupportingDocument doc = em.find(SupportingDocument.class, documentId);
        if (doc == null || doc.getApplicationId() != id) {
            throw new NotFoundException("Application " + app.getReference() + " has no document " + documentId + ".");
        }
        audit.record(actor, "document.download", "application", app.getReference(),
                "document " + doc.getId() + " '" + doc.getFilename() + "', sha256 " + doc.getSha256());
        return doc;
    }

    /**
     * The chair's decision, once the committee is quorate. A person always decides: there is no
     * automatic path to APPROVED, and the chair may go against the votes, with reasons.
     */
    public Application decide(Actor actor, long id, boolean approve, String reason) {
        if (!actor.has(Role.DAC_CHAIR)) {
            throw new AccessDeniedException("Only the committee chair records decisions.");
        }
        Application app = load(id);
        ApplicationAction action = approve ? ApplicationAction.APPROVE : ApplicationAction.REJECT;
        Lifecycle.next(app.getState(), action);
        Tally tally = committees.requireMayDecide(actor, app);
        if (reason == null || reason.isBlank()) {
            throw new ValidationException(Map.of("reason", "A decision must state its conditions or reasons."));
        }
        TextLimits.require("reason", reason, TextLimits.EVENT_REASON);
        transition(actor, app, action, reason.strip());
        audit.record(actor, "review.tally", "application", app.getReference(), "decided on " + tally.summary());
        app.recordDecision(Instant.now(), reason.strip());
        decided.fire(new DecisionRecorded(app.getId(), approve));
        return app;
    }

    /** A custodian takes a submitted application to check it is complete before the committee sees it. */
    public Application startScreening(Actor actor, long id) {
        requireCustodian(actor);
        Application app = load(id);
        transition(actor, app, ApplicationAction.START_SCREENING, null);
        return app;
    }

    /**
     * The custodian's screening outcome: on to the committee, or back to the applicant with the
     * reason. Starts screening first if nobody has yet.
     */
    public Application screen(Actor actor, long id, boolean complete, String reason) {
        requireCustodian(actor);
        Application app = load(id);
        if (!complete && (reason == null || reason.isBlank())) {
            throw new ValidationException(Map.of("reason", "Tell the applicant what to change before resubmitting."));
        }
        TextLimits.require("reason", reason, TextLimits.EVENT_REASON);
        if (app.getState() == ApplicationState.SUBMITTED) {
            transition(actor, app, ApplicationAction.START_SCREENING, null);
        }
        String note = reason == null || reason.isBlank() ? null : reason.strip();
        transition(actor, app, complete ? ApplicationAction.SEND_TO_REVIEW : ApplicationAction.RETURN_TO_APPLICANT, note);
        screened.fire(new ScreeningCompleted(app.getId(), complete));
        return app;
    }

    public List<Application> awaitingScreening(Actor actor) {
        if (!actor.has(Role.CUSTODIAN)) {
            return List.of();
        }
        return visibleTo(actor).stream().filter(a -> a.getState() == ApplicationState.SUBMITTED
                || a.getState() == ApplicationState.SCREENING).toList();
    }

    public Application startProvisioning(Actor actor, long id) {
        requireSystem(actor);
        Application app = load(id);
        transition(actor, app, ApplicationAction.START_PROVISIONING, null);
        return app;
    }

    /**
     * Access begins once the broker has provisioned every requested collection (each recorded by
     * {@link #recordProvisionedCollection}); the application keeps their total and the first one's manifest hash.
     */
    public Application activate(Actor actor, long id) {
        requireSystem(actor);
        Application app = load(id);
        List<ProvisionedCollection> collections = collections(id);
        if (collections.isEmpty()) {
            throw new IllegalStateException(app.getReference() + " has no provisioned collection to give access to");
        }
        long files = collections.stream().mapToLong(ProvisionedCollection::getFilesProvisioned).sum();
        StringBuilder reason = new StringBuilder(files + " de-identified files provisioned");
        for (ProvisionedCollection c : collections) {
            reason.append("; ").append(c.getDatasetId()).append(": ").append(c.getFilesProvisioned())
                    .append(" files, manifest ").append(c.getManifestSha256());
        }
        transition(actor, app, ApplicationAction.ACTIVATE, reason.toString());
        app.recordProvisioning(files, collections.get(0).getManifestSha256());
        activated.fire(new AccessActivated(app.getId()));
        return app;
    }

    /** A requested collection the broker provisioned, before access begins. */
    public Application recordProvisionedCollection(Actor actor, long id, String datasetId, long filesProvisioned,
            long filesQuarantined, String manifestSha256) {
        return record(actor, id, "provisioning.collection-provisioned", datasetId, filesProvisioned, filesQuarantined,
                manifestSha256);
    }

    /** A collection an amendment added, provisioned by the broker while the project stays active. */
    public Application recordAddedDataset(Actor actor, long id, String datasetId, long filesProvisioned,
            long filesQuarantined, String manifestSha256) {
        Application app = record(actor, id, "provisioning.dataset-added", datasetId, filesProvisioned, filesQuarantined,
                manifestSha256);
        long before = app.getProvisionedFiles() == null ? 0 : app.getProvisionedFiles();
        app.recordProvisioning(before + filesProvisioned, app.getManifestSha256());
        return app;
    }

    private Application record(Actor actor, long id, String action, String datasetId, long filesProvisioned,
            long filesQuarantined, String manifestSha256) {
        requireSystem(actor);
        Application app = load(id);
        em.persist(new ProvisionedCollection(app.getId(), datasetId, filesProvisioned, filesQuarantined,
                manifestSha256, Instant.now()));
        audit.record(actor, action, "application", app.getReference(), datasetId + ": " + filesProvisioned
                + " de-identified files provisioned, " + filesQuarantined + " quarantined, manifest " + manifestSha256);
        return app;
    }

    /** Every collection provisioned into the project's folder, first to last, for those who may see the application. */
    public List<ProvisionedCollection> provisionedCollections(Actor actor, long id) {
        get(actor, id);
        return collections(id);
    }

    /**
     * For a page listing applications: the collections of each the actor may see, first to last,
     * read in one query instead of one per row.
     */
    public Map<Long, List<ProvisionedCollection>> provisionedCollections(Actor actor, List<Application> apps) {
        List<Long> ids = apps.stream().filter(a -> mayView(actor, a)).map(Application::getId).toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("select c from ProvisionedCollection c where c.applicationId in :ids order by c.id",
                ProvisionedCollection.class).setParameter("ids", ids).getResultList().stream()
                .collect(Collectors.groupingBy(ProvisionedCollection::getApplicationId));
    }

    private List<ProvisionedCollection> collections(long id) {
        return em.createQuery("select c from ProvisionedCollection c where c.applicationId = :id order by c.id",
                ProvisionedCollection.class).setParameter("id", id).getResultList();
    }

    /**
     * Records a lifecycle step decided by another governance service (committee, agreements),
     * which has already checked that this actor may take it.
     */
    public Application recordStep(Actor actor, long id, ApplicationAction action, String reason) {
        Application app = load(id);
        transition(actor, app, action, reason);
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
        // a researcher sees only their teams' applications: those are found in the database, not by
        // reading every application in the country; mayView still decides
        List<Application> candidates = seesOnlyOwnTeams(actor)
                ? em.createQuery("select distinct a from Application a left join a.team m"
                        + " where a.leadUsername = :u or m.username = :u order by a.id desc", Application.class)
                        .setParameter("u", actor.username()).getResultList()
                : em.createQuery("select a from Application a order by a.id desc", Application.class).getResultList();
        return candidates.stream().filter(a -> mayView(actor, a)).toList();
    }

    /** Holds none of the roles through which {@link #mayView} shows applications beyond the actor's own teams. */
    private static boolean seesOnlyOwnTeams(Actor actor) {
        return !actor.isSystem()
                && Stream.of(Role.AUDITOR, Role.CUSTODIAN, Role.ADMIN, Role.DAC_MEMBER, Role.DAC_CHAIR).noneMatch(actor::has);
    }

    /** Applications waiting for this chair's decision. */
    public List<Application> awaitingDecision(Actor actor) {
        if (!actor.has(Role.DAC_CHAIR)) {
            return List.of();
        }
        return committees.reviewable(actor).stream()
                .filter(a -> Lifecycle.allows(a.getState(), ApplicationAction.APPROVE)
                        || committees.openAmendment(a).isPresent())
                .toList();
    }

    /**
     * The team (lead and listed members) and auditors, who read everything, at any time; custodians
     * and administrators once it is submitted; committee members of its committee once they have
     * declared no conflict.
     */
    public boolean mayView(Actor actor, Application app) {
        if (actor.isSystem() || actor.has(Role.AUDITOR) || app.isOnTeam(actor.username())) {
            return true;
        }
        // the rule visibleTo uses to find a researcher's applications in the database
        if (seesOnlyOwnTeams(actor) || app.getState() == ApplicationState.DRAFT) {
            return false;
        }
        return actor.has(Role.CUSTODIAN) || actor.has(Role.ADMIN) || committees.mayReview(actor, app);
    }

    Map<String, String> validate(Application app) {
        return SubmissionCheck.problems(app, catalogue::find, LocalDate.now(ZoneOffset.UTC));
    }

    private void transition(Actor actor, Application app, ApplicationAction action, String reason) {
        ApplicationState from = app.getState();
        ApplicationState to = Lifecycle.next(from, action);
        app.moveTo(to);
        flush(app);
        em.persist(new ApplicationEvent(app.getId(), action, from, to, actor.username(), actor.primaryRole(),
                Instant.now(), TextLimits.fitted(reason, TextLimits.EVENT_REASON), actor.origin()));
        audit.record(actor, "application." + action.name().toLowerCase(Locale.ROOT).replace('_', '-'), "application",
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

    /** Loads without any check: for governance services that check authority themselves. */
    public Application load(long id) {
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

    private static void requireEditable(Application app) {
        if (app.getState() != ApplicationState.DRAFT && app.getState() != ApplicationState.RETURNED) {
            throw new AccessDeniedException("Application " + app.getReference() + " is "
                    + app.getState().label().toLowerCase(Locale.ROOT) + " and can no longer be edited.");
        }
    }

    private static void requireCustodian(Actor actor) {
        if (!actor.has(Role.CUSTODIAN)) {
            throw new AccessDeniedException("Only custodians screen applications.");
        }
    }

    private static void requireSystem(Actor actor) {
        if (!actor.isSystem()) {
            throw new AccessDeniedException("Only the workflow engine performs this step.");
        }
    }

    private void apply(Application app, DraftForm form) {
        Map<String, String> tooLong = form.tooLong();
        if (!tooLong.isEmpty()) {
            throw new ValidationException("The draft cannot be saved", tooLong);
        }
        app.fill(form);
        app.setPrimaryDataset(form.datasets().stream().map(RequestedDataset::getDatasetId)
                .filter(d -> d != null && catalogue.find(d).isPresent()).findFirst().orElse(null));
    }

    private static DocumentSummary summary(SupportingDocument d) {
        return new DocumentSummary(d.getId(), d.getFilename(), d.getSize(), d.getSha256(), d.getUploadedBy(),
                d.getUploadedAt());
    }
}

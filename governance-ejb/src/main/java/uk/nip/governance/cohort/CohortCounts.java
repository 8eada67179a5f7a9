package uk.nip.governance.cohort;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.application.ValidationException;
import uk.nip.governance.audit.AuditTrail;
import uk.nip.governance.committee.CommitteeService;
import uk.nip.governance.domain.AccessDeniedException;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.NotFoundException;
import uk.nip.governance.domain.Role;

/**
 * Aggregate cohort counts for an application, asked for by its reviewers or a custodian and
 * counted by the broker. Nobody in the portal ever sees a patient-level list or a small count.
 */
@ApplicationScoped
@Transactional
public class CohortCounts {

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationService applications;

    @Inject
    CommitteeService committees;

    @Inject
    AuditTrail audit;

    @Inject
    Event<CohortCountRequested> requested;

    /** One count per requested collection, the primary first, each of that collection's own criteria. */
    public List<CohortCount> request(Actor actor, long applicationId) {
        // who may see it first: a custodian sees no draft, so counts none
        Application app = applications.get(actor, applicationId);
        if (!actor.has(Role.CUSTODIAN) && !committees.mayReview(actor, app)) {
            throw new AccessDeniedException("Only reviewers of " + app.getReference()
                    + " without a conflict, and custodians, may count its cohort.");
        }
        List<String> collections = app.requestedCollections();
        if (collections.isEmpty()) {
            throw new ValidationException(Map.of("datasets", app.getReference() + " names no collection to count."));
        }
        Instant now = Instant.now();
        List<CohortCount> made = new ArrayList<>();
        for (String datasetId : collections) {
            CohortCount c = new CohortCount(app.getId(), datasetId, actor.username(), now);
            em.persist(c);
            made.add(c);
        }
        em.flush();
        for (CohortCount c : made) {
            audit.record(actor, "cohort.count-requested", "application", app.getReference(),
                    "count " + c.getId() + " of " + c.getDatasetId());
            requested.fire(new CohortCountRequested(c.getId(), app.getId(), c.getDatasetId()));
        }
        return made;
    }

    /** The counts the application's viewers may see, newest request first, its collections in the application's order. */
    public List<CohortCount> counts(Actor actor, long applicationId) {
        applications.get(actor, applicationId);
        return em.createQuery("select c from CohortCount c where c.applicationId = :a order by c.requestedAt desc, c.id",
                CohortCount.class).setParameter("a", applicationId).getResultList();
    }

    public void recordResult(Actor system, long countId, String patients, String studies, String series,
            String instances, String breakdown) {
        CohortCount c = load(system, countId);
        c.complete(patients, studies, series, instances, breakdown, Instant.now());
        audit.record(system, "cohort.counted", "application", applications.load(c.getApplicationId()).getReference(),
                "count " + countId + (c.getDatasetId() == null ? "" : " of " + c.getDatasetId()) + ": " + patients
                        + " patients, " + instances + " instances (suppressed at 7 or fewer)");
    }

    public void recordFailure(Actor system, long countId, String reason) {
        CohortCount c = load(system, countId);
        c.fail(reason, Instant.now());
        audit.record(system, "cohort.count-failed", "application",
                applications.load(c.getApplicationId()).getReference(), "count " + countId + ": " + reason);
    }

    private CohortCount load(Actor system, long countId) {
        if (!system.isSystem()) {
            throw new AccessDeniedException("Only the workflow records the broker's counts.");
        }
        CohortCount c = em.find(CohortCount.class, countId);
        if (c == null) {
            throw new NotFoundException("There is no cohort count " + countId + ".");
        }
        return c;
    }
}

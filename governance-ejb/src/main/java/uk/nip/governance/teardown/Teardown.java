package uk.nip.governance.teardown;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.audit.AuditTrail;
import uk.nip.governance.domain.AccessDeniedException;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.ApplicationAction;
import uk.nip.governance.domain.ApplicationState;

/**
 * The end of access as the workflow enforces it: credentials withdrawn, data destroyed and attested,
 * the application closed. Only the workflow records these; anyone who may see the application may
 * read the attestations.
 */
@ApplicationScoped
@Transactional
public class Teardown {

    @PersistenceContext
    EntityManager em;

    @Inject
    ApplicationService applications;

    @Inject
    AuditTrail audit;

    /** The project's credentials are withdrawn (revocation); returns when, for the propagation time. */
    public Instant credentialsWithdrawn(Actor actor, long applicationId) {
        requireSystem(actor);
        Application app = applications.load(applicationId);
        Instant now = Instant.now();
        audit.record(actor, "access.credentials-withdrawn", "application", app.getReference(),
                "state " + app.getState() + "; no sandbox or airlock credentials are issued yet, so none remained");
        return now;
    }

    /**
     * Keeps the broker's attestation and closes the application (EXPIRED or REVOKED to CLOSED). The
     * propagation time runs from the order to end access to the last enforcement step done.
     */
    public DestructionAttestation recordDestruction(Actor actor, long applicationId, DestructionEvidence evidence,
            String ground) {
        requireSystem(actor);
        Application app = applications.load(applicationId);
        ApplicationState endedAs = app.getState();
        if (endedAs != ApplicationState.REVOKED && endedAs != ApplicationState.EXPIRED) {
            throw new IllegalStateException("Application " + app.getReference() + " is " + endedAs
                    + "; data destruction is recorded only for revoked or expired access");
        }
        Instant enforcedAt = evidence.destroyedAt();
        if (evidence.credentialsWithdrawnAt() != null && evidence.credentialsWithdrawnAt().isAfter(enforcedAt)) {
            enforcedAt = evidence.credentialsWithdrawnAt();
        }
        DestructionAttestation a = new DestructionAttestation(applicationId, endedAs.name(), ground,
                evidence.filesDestroyed(), evidence.bytesDestroyed(), evidence.manifestSha256(),
                evidence.destroyedAt(), evidence.destroyedBy(), evidence.processInstanceId(),
                evidence.credentialsWithdrawnAt(), evidence.requestedAt(), enforcedAt, Instant.now());
        em.persist(a);
        audit.record(actor, "data.destroyed", "application", app.getReference(), a.getFilesDestroyed()
                + " files, " + a.getBytesDestroyed() + " bytes destroyed by " + a.getDestroyedBy() + " at "
                + a.getDestroyedAt() + ", attestation sha256 " + a.getManifestSha256() + ", process "
                + a.getProcessInstanceId() + ", propagation " + a.getPropagationMillis() + " ms");
        applications.recordStep(actor, applicationId, ApplicationAction.CLOSE, "Access " + endedAs.name()
                .toLowerCase(Locale.ROOT) + (ground == null ? "" : " (" + ground + ")") + "; data destroyed, "
                + a.getFilesDestroyed() + " files attested");
        return a;
    }

    public List<DestructionAttestation> attestations(Actor actor, long applicationId) {
        applications.get(actor, applicationId);
        return em.createQuery("select a from DestructionAttestation a where a.applicationId = :id order by a.id",
                DestructionAttestation.class).setParameter("id", applicationId).getResultList();
    }

    /** How the access of a closed application ended, for the public register; no check (public fields). */
    public Optional<DestructionAttestation> latest(long applicationId) {
        return em.createQuery("select a from DestructionAttestation a where a.applicationId = :id order by a.id desc",
                DestructionAttestation.class).setParameter("id", applicationId).setMaxResults(1)
                .getResultStream().findFirst();
    }

    private static void requireSystem(Actor actor) {
        if (!actor.isSystem()) {
            throw new AccessDeniedException("Only the workflow records the enforcement of an ended access.");
        }
    }
}

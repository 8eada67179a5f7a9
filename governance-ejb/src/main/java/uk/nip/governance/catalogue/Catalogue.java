package uk.nip.governance.catalogue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import uk.nip.governance.audit.AuditTrail;
import uk.nip.governance.domain.AccessDeniedException;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.Role;

/** The imaging catalogue: public metadata about collections anyone may browse. */
@ApplicationScoped
@Transactional
public class Catalogue {

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    public List<Dataset> collections() {
        return em.createQuery("select d from Dataset d order by d.title", Dataset.class).getResultList();
    }

    public Optional<Dataset> find(String id) {
        return Optional.ofNullable(id == null ? null : em.find(Dataset.class, id));
    }

    public boolean isEmpty() {
        return em.createQuery("select count(d) from Dataset d", Long.class).getSingleResult() == 0;
    }

    /** Custodians curate the catalogue; the demo seeder acts as the system. */
    public void add(Actor actor, Dataset dataset) {
        if (!actor.has(Role.CUSTODIAN) && !actor.isSystem()) {
            throw new AccessDeniedException("Only custodians manage the catalogue.");
        }
        if (dataset.getCommitteeId() == null) {
            dataset.setCommitteeId(uk.nip.governance.committee.Committee.DEFAULT);
        }
        em.persist(dataset);
        audit.record(actor, "catalogue.add", "dataset", dataset.getId(), dataset.getTitle());
    }
}

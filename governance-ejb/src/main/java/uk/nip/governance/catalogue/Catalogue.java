package uk.nip.governance.catalogue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import uk.nip.governance.application.ConcurrentEditException;
import uk.nip.governance.application.ValidationException;
import uk.nip.governance.audit.AuditTrail;
import uk.nip.governance.committee.Committee;
import uk.nip.governance.domain.AccessDeniedException;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.NotFoundException;
import uk.nip.governance.domain.Role;

/**
 * The imaging catalogue: public metadata about collections anyone may browse, curated by
 * custodians. Every change is audited with what it was before and after.
 */
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

    /** The collections with their internal details (archive location), for the custodians who curate them. */
    public List<Dataset> manage(Actor actor) {
        requireCustodian(actor);
        return collections();
    }

    /** Adds a collection described by a custodian; the demo seeder acts as the system. */
    public Dataset add(Actor actor, CollectionForm form) {
        requireCustodian(actor);
        Map<String, String> problems = CollectionCheck.problems(form, true);
        if (!problems.containsKey("id") && em.find(Dataset.class, form.id().strip()) != null) {
            problems.put("id", "There is already a collection with the id '" + form.id().strip() + "'.");
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("The collection cannot be saved yet", problems);
        }
        Dataset dataset = new Dataset(form.id().strip(), form.title().strip(), form.dataController().strip());
        dataset.fill(form);
        if (dataset.getCommitteeId() == null) {
            dataset.setCommitteeId(Committee.DEFAULT);
        }
        em.persist(dataset);
        em.flush();
        audit.record(actor, "catalogue.add", "dataset", dataset.getId(), "added: " + describe(dataset.summary()));
        return dataset;
    }

    /** Adds a collection built in code (the demo seeder), with the same checks as the form. */
    public Dataset add(Actor actor, Dataset dataset) {
        return add(actor, CollectionForm.of(dataset));
    }

    /** Changes a collection's description; refuses if someone saved a newer version meanwhile. */
    public Dataset update(Actor actor, String id, long expectedVersion, CollectionForm form) {
        requireCustodian(actor);
        Dataset dataset = find(id).orElseThrow(() -> new NotFoundException("There is no collection '" + id + "'."));
        Map<String, String> problems = CollectionCheck.problems(form, false);
        if (!problems.isEmpty()) {
            throw new ValidationException("The collection cannot be saved yet", problems);
        }
        if (dataset.getVersion() != expectedVersion) {
            throw conflict(dataset);
        }
        Map<String, String> before = dataset.summary();
        dataset.fill(form);
        Map<String, String> after = dataset.summary();
        if (before.equals(after)) {
            return dataset;
        }
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw conflict(dataset);
        }
        audit.record(actor, "catalogue.update", "dataset", dataset.getId(), changes(before, after));
        return dataset;
    }

    /** "title: 'Old' -> 'New'; duoCodes: 'DUO:0000042' -> 'DUO:0000042,DUO:0000046'", only what changed. */
    static String changes(Map<String, String> before, Map<String, String> after) {
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, String> e : after.entrySet()) {
            String was = before.get(e.getKey());
            if (!Objects.equals(was, e.getValue())) {
                changed.add(e.getKey() + ": " + quoted(was) + " -> " + quoted(e.getValue()));
            }
        }
        return String.join("; ", changed);
    }

    static String describe(Map<String, String> summary) {
        List<String> fields = new ArrayList<>();
        summary.forEach((k, v) -> {
            if (v != null) {
                fields.add(k + "=" + quoted(v));
            }
        });
        return String.join("; ", fields);
    }

    private static String quoted(String value) {
        return value == null ? "(none)" : "'" + value + "'";
    }

    private static ConcurrentEditException conflict(Dataset d) {
        return new ConcurrentEditException("Collection '" + d.getId() + "' was changed by someone else while you"
                + " were editing it. Reload it to see their changes; your own edits were not saved.");
    }

    private static void requireCustodian(Actor actor) {
        if (!actor.has(Role.CUSTODIAN) && !actor.isSystem()) {
            throw new AccessDeniedException("Only custodians manage the catalogue.");
        }
    }
}

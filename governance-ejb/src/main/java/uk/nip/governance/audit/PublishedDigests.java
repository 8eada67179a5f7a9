package uk.nip.governance.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import uk.nip.governance.domain.Actor;

/**
 * Publishes the audit head so anyone can check later that history was not rewritten, and lists
 * what was published. Publication is public information and takes only the publishing actor.
 */
@ApplicationScoped
@Transactional
public class PublishedDigests {

    public static final int LIST_DEFAULT = 50;
    public static final int LIST_LIMIT = 500;

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    /**
     * Publishes the head unless nothing was recorded since the last publication. The publication
     * is itself audited, and the head published is that audit record, so publishing again with no
     * other activity in between finds the head unmoved.
     */
    public Optional<AuditDigest> publishIfMoved(Actor actor) {
        long head = audit.head().seq();
        Optional<AuditDigest> last = latest();
        if (head == 0 || last.isPresent() && last.get().getLastSeq() >= head) {
            return Optional.empty();
        }
        AuditRecord publication = audit.record(actor, "audit.digest-publish", "audit-digest", "head",
                "head published at this record; the previous publication ended at "
                        + last.map(d -> "sequence " + d.getLastSeq()).orElse("nothing (first publication)"));
        AuditDigest digest = new AuditDigest(publication.getAt(), publication.getSeq(), publication.getHash());
        em.persist(digest);
        return Optional.of(digest);
    }

    public Optional<AuditDigest> latest() {
        return em.createQuery("select d from AuditDigest d order by d.lastSeq desc, d.id desc", AuditDigest.class)
                .setMaxResults(1).getResultStream().findFirst();
    }

    /**
     * Published heads newest first: {@link #LIST_DEFAULT} unless {@code limit} says otherwise (at
     * most {@link #LIST_LIMIT}), and only those before sequence {@code beforeSeq} when given, to page.
     */
    public List<AuditDigest> list(Integer limit, Long beforeSeq) {
        int max = limit == null ? LIST_DEFAULT : Math.max(1, Math.min(limit, LIST_LIMIT));
        return em.createQuery("select d from AuditDigest d where d.lastSeq < :before order by d.lastSeq desc, d.id desc",
                AuditDigest.class).setParameter("before", beforeSeq == null ? Long.MAX_VALUE : beforeSeq)
                .setMaxResults(max).getResultList();
    }
}

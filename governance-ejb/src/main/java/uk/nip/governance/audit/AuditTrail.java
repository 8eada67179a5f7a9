package uk.nip.governance.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import uk.nip.governance.domain.AccessDeniedException;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.Role;

/** Appends to and verifies the hash-chained audit trail. */
@ApplicationScoped
public class AuditTrail {

    @PersistenceContext
    EntityManager em;

    /**
     * Records an action in the caller's transaction, so the record exists exactly when the change
     * it describes does.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditRecord record(Actor actor, String action, String objectType, String objectId, String detail) {
        AuditHead head = em.find(AuditHead.class, 1, LockModeType.PESSIMISTIC_WRITE);
        AuditRecord record = new AuditRecord(head.lastSeq() + 1, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                actor.username(), actor.primaryRole(), action, objectType, objectId, actor.origin(), detail,
                head.lastHash());
        em.persist(record);
        head.advance(record);
        return record;
    }

    @Transactional
    public ChainVerification verify(Actor actor) {
        requireAuditor(actor);
        try (Stream<AuditRecord> records = em.createQuery("select r from AuditRecord r order by r.seq",
                AuditRecord.class).setHint("org.hibernate.fetchSize", 1000).getResultStream()) {
            ChainVerification result = ChainVerification.of(records.iterator());
            record(actor, "audit.verify", "audit-trail", "chain",
                    result.intact() ? "intact, " + result.recordsChecked() + " records" : result.problem());
            return result;
        }
    }

    @Transactional
    public List<AuditRecord> latest(Actor actor, int max) {
        requireAuditor(actor);
        return em.createQuery("select r from AuditRecord r order by r.seq desc", AuditRecord.class)
                .setMaxResults(max).getResultList();
    }

    /** Records about one object, for the people allowed to see that object. */
    @Transactional
    public List<AuditRecord> about(String objectType, String objectId) {
        return em.createQuery("select r from AuditRecord r where r.objectType = :t and r.objectId = :id order by r.seq",
                AuditRecord.class).setParameter("t", objectType).setParameter("id", objectId).getResultList();
    }

    /** The newest hash: published so anyone can check later that history was not rewritten. */
    @Transactional
    public String headHash() {
        return em.find(AuditHead.class, 1).lastHash();
    }

    private static void requireAuditor(Actor actor) {
        if (!actor.has(Role.AUDITOR) && !actor.has(Role.ADMIN)) {
            throw new AccessDeniedException("Only auditors may read the whole audit trail.");
        }
    }
}

package uk.nip.governance.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import uk.nip.governance.domain.AccessDeniedException;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.Role;

/** Appends to, verifies, searches and exports the hash-chained audit trail. */
@ApplicationScoped
public class AuditTrail {

    /** Results of a search when the auditor names no limit, and the most a search returns. */
    public static final int SEARCH_DEFAULT = 100;
    public static final int SEARCH_LIMIT = 1000;
    /** Records read per round trip when walking or exporting. */
    static final int PAGE = 1000;

    /**
     * Every column, read as values rather than as managed entities: verification and exports see
     * exactly what the database holds (not what this persistence context cached) and memory stays
     * flat however long the chain is.
     */
    private static final String ROWS = "select r.seq, r.at, r.actor, r.role, r.action, r.objectType, r.objectId,"
            + " r.origin, r.detail, r.prevHash, r.hash from AuditRecord r";
    private static final String FETCH_SIZE = "org.hibernate.fetchSize";

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
                actor.username(), actor.primaryRole(), action, objectType, objectId, actor.origin(),
                detail == null || detail.length() <= 4000 ? detail : detail.substring(0, 3999) + "…",
                head.lastHash());
        em.persist(record);
        head.advance(record);
        return record;
    }

    /**
     * Walks the whole chain as this transaction sees it, checks that it ends at the head, and
     * records that it was verified (with the outcome).
     */
    @Transactional
    public ChainVerification verify(Actor actor) {
        requireAuditor(actor);
        ChainVerification result = walk().withDigests(DigestCheck.compare(published()));
        record(actor, "audit.verify", "audit-trail", "chain", result.intact()
                ? "intact, " + result.recordsChecked() + " records, " + result.digestsChecked() + " published heads"
                : result.problem());
        return result;
    }

    /** Every published head, oldest first, beside the hash the chain holds at its sequence number now. */
    private List<DigestCheck.Published> published() {
        try (Stream<Object[]> rows = em.createQuery("select d.lastSeq, d.headHash, d.publishedAt, r.hash"
                + " from AuditDigest d left join AuditRecord r on r.seq = d.lastSeq order by d.lastSeq, d.id",
                Object[].class).setHint(FETCH_SIZE, PAGE).getResultStream()) {
            return rows.map(r -> new DigestCheck.Published((Long) r[0], strip((String) r[1]), (Instant) r[2],
                    strip((String) r[3]))).toList();
        }
    }

    private ChainVerification walk() {
        Object[] head = headRow();
        long headSeq = (Long) head[0];
        String headHash = ((String) head[1]).strip();
        ChainVerification result;
        try (Stream<Object[]> rows = em.createQuery(ROWS + " where r.seq <= :upTo order by r.seq", Object[].class)
                .setParameter("upTo", headSeq).setHint(FETCH_SIZE, PAGE).getResultStream()) {
            result = ChainVerification.of(rows.map(AuditTrail::toRecord).iterator(), headSeq, headHash);
        }
        if (result.intact()) {
            // Anything stored beyond the head was not appended by record(). Read the records first and
            // the head second: an append commits both together, so a concurrent one is not flagged.
            Long beyond = em.createQuery("select min(r.seq) from AuditRecord r where r.seq > :upTo", Long.class)
                    .setParameter("upTo", headSeq).getSingleResult();
            if (beyond != null) {
                long currentHead = (Long) headRow()[0];
                if (beyond > currentHead) {
                    result = ChainVerification.beyondHead(result.recordsChecked(), beyond, currentHead);
                }
            }
        }
        return result;
    }

    @Transactional
    public List<AuditRecord> latest(Actor actor, int max) {
        requireAuditor(actor);
        return em.createQuery("select r from AuditRecord r order by r.seq desc", AuditRecord.class)
                .setMaxResults(max).getResultList();
    }

    /**
     * The newest records matching the criteria, newest first: at most {@link #SEARCH_DEFAULT}
     * unless the criteria name a limit, and never more than {@link #SEARCH_LIMIT}. The search is
     * itself recorded ({@code audit.search}) with its filters and how many records it returned.
     */
    @Transactional
    public List<AuditRecord> search(Actor actor, AuditSearch criteria) {
        requireAuditor(actor);
        int max = criteria.max() == null ? SEARCH_DEFAULT : Math.min(criteria.max(), SEARCH_LIMIT);
        List<AuditRecord> found = rows(criteria, null, null, "desc", max);
        record(actor, "audit.search", "audit-trail", "records",
                criteria.withMax(max).describe() + " -> " + found.size() + " records");
        return found;
    }

    /**
     * Checks that the actor may export, records the export ({@code audit.export}, committed on its
     * own so a long download never holds the head lock) and returns the sequence number the export
     * stops at: records appended while it streams are not part of it. Then call {@link #export}.
     */
    @Transactional
    public long beginExport(Actor actor, AuditSearch criteria, String format) {
        requireAuditor(actor);
        return record(actor, "audit.export", "audit-trail", "records", format + ": " + criteria.describe())
                .getSeq();
    }

    /**
     * Hands every record matching the criteria with a sequence number up to {@code upToSeq} to the
     * sink, oldest first, {@link #PAGE} records per query and without a long transaction, so an
     * export of any size streams in flat memory. Returns how many records were exported.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public long export(Actor actor, AuditSearch criteria, long upToSeq, Consumer<? super AuditRecord> sink) {
        requireAuditor(actor);
        long exported = 0;
        long after = 0;
        while (true) {
            int page = criteria.max() == null ? PAGE : (int) Math.min(PAGE, criteria.max() - exported);
            if (page <= 0) {
                return exported;
            }
            List<AuditRecord> rows = rows(criteria, after, upToSeq, "asc", page);
            for (AuditRecord r : rows) {
                sink.accept(r);
                after = r.getSeq();
            }
            exported += rows.size();
            if (rows.size() < page) {
                return exported;
            }
        }
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

    /**
     * The head (newest sequence number and hash) with when it was written and read: what gets
     * published outside the database. Public information, so it takes no actor.
     */
    @Transactional
    public HeadSnapshot head() {
        Object[] head = headRow();
        long seq = (Long) head[0];
        Instant lastAt = seq == 0 ? null
                : em.createQuery("select r.at from AuditRecord r where r.seq = :seq", Instant.class)
                        .setParameter("seq", seq).getResultStream().findFirst().orElse(null);
        return new HeadSnapshot(seq, ((String) head[1]).strip(), lastAt, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** The head, for auditors. */
    @Transactional
    public HeadSnapshot head(Actor actor) {
        requireAuditor(actor);
        return head();
    }

    private Object[] headRow() {
        return em.createQuery("select h.lastSeq, h.lastHash from AuditHead h where h.id = 1", Object[].class)
                .getSingleResult();
    }

    /** Matching records as stored; {@code afterSeq}/{@code upToSeq} bound the sequence when given. */
    private List<AuditRecord> rows(AuditSearch c, Long afterSeq, Long upToSeq, String direction, int max) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (c.actor() != null) {
            where.add("r.actor = :actor");
            params.put("actor", c.actor());
        }
        if (c.actionPrefix() != null) {
            where.add("r.action like :action escape '!'");
            params.put("action", c.actionPrefix().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        if (c.objectType() != null) {
            where.add("r.objectType = :objectType");
            params.put("objectType", c.objectType());
        }
        if (c.objectId() != null) {
            where.add("r.objectId = :objectId");
            params.put("objectId", c.objectId());
        }
        if (c.from() != null) {
            where.add("r.at >= :from");
            params.put("from", c.from());
        }
        if (c.to() != null) {
            where.add("r.at < :to");
            params.put("to", c.to());
        }
        if (afterSeq != null) {
            where.add("r.seq > :after");
            params.put("after", afterSeq);
        }
        if (upToSeq != null) {
            where.add("r.seq <= :upTo");
            params.put("upTo", upToSeq);
        }
        String jpql = ROWS + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by r.seq " + direction;
        TypedQuery<Object[]> query = em.createQuery(jpql, Object[].class).setMaxResults(max);
        params.forEach(query::setParameter);
        return query.getResultList().stream().map(AuditTrail::toRecord).toList();
    }

    private static AuditRecord toRecord(Object[] row) {
        return AuditRecord.stored((Long) row[0], (Instant) row[1], (String) row[2], (String) row[3],
                (String) row[4], (String) row[5], (String) row[6], (String) row[7], (String) row[8],
                strip((String) row[9]), strip((String) row[10]));
    }

    private static String strip(String fixedWidth) {
        return fixedWidth == null ? null : fixedWidth.strip();
    }

    private static void requireAuditor(Actor actor) {
        if (!actor.has(Role.AUDITOR) && !actor.has(Role.ADMIN)) {
            throw new AccessDeniedException("Only auditors may read the whole audit trail.");
        }
    }
}

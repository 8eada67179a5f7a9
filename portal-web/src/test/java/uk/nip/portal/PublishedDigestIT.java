package uk.nip.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nip.governance.audit.AuditDigest;
import uk.nip.governance.audit.AuditRecord;
import uk.nip.governance.audit.AuditTrail;
import uk.nip.governance.audit.ChainVerification;
import uk.nip.governance.audit.PublishedDigests;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.Role;

/**
 * The audit head is published (at start-up, then on its interval) for anyone to read without
 * signing in, and verification holds the chain to every published head: a rewrite that recomputes
 * every hash passes the link-by-link walk but not the comparison with what was published. Runs
 * inside the server; the tampering test rolls back, as in {@link AuditTamperIT}.
 */
@ExtendWith(ArquillianExtension.class)
class PublishedDigestIT {

    @Deployment
    static WebArchive portal() {
        return PortalDeployment.builtWar().addClass(PublishedDigestIT.class);
    }

    static final Actor AUDITOR = Actor.of("digest-test", "in-container", Role.AUDITOR);
    static final Actor PUBLISHER = Actor.system("audit-digest");

    @PersistenceContext(unitName = "governance")
    EntityManager em;

    @Inject
    UserTransaction tx;

    @Inject
    AuditTrail audit;

    @Inject
    PublishedDigests digests;

    @Resource(lookup = "java:jboss/datasources/PortalDS")
    DataSource dataSource;

    @AfterEach
    void rollBackAnyTampering() throws Exception {
        if (tx.getStatus() != Status.STATUS_NO_TRANSACTION) {
            tx.rollback();
        }
    }

    @Test
    void theHeadWasPublishedAtStartUpAndAnyoneMayReadThePublishedHeadsWithoutSigningIn() throws Exception {
        JsonArray published = publicDigests("");
        assertFalse(published.isEmpty(), "start-up published nothing");
        JsonObject newest = published.getJsonObject(0);
        assertTrue(newest.getString("headHash").matches("[0-9a-f]{64}"), newest.toString());
        assertTrue(newest.getJsonNumber("lastSeq").longValue() > 0, newest.toString());
        Instant.parse(newest.getString("publishedAt"));
        assertEquals(1, publicDigests("?limit=1").size());
    }

    @Test
    void afterMoreActionsTheNextPublicationHasAHigherSequenceAndAnUnmovedHeadIsNotPublishedAgain()
            throws Exception {
        digests.publishIfMoved(PUBLISHER);
        AuditDigest before = digests.latest().orElseThrow();
        assertEquals(Optional.empty(), digests.publishIfMoved(PUBLISHER).map(AuditDigest::getLastSeq),
                "nothing happened since the last publication");

        assertTrue(audit.verify(AUDITOR).intact(), "an audited action");
        AuditDigest next = digests.publishIfMoved(PUBLISHER).orElseThrow();
        assertTrue(next.getLastSeq() > before.getLastSeq(), next.getLastSeq() + " <= " + before.getLastSeq());
        assertEquals(Optional.empty(), digests.publishIfMoved(PUBLISHER).map(AuditDigest::getLastSeq));

        // The publication is itself the record whose hash is published.
        AuditRecord publication = audit.latest(AUDITOR, 1).get(0);
        assertEquals(next.getLastSeq(), publication.getSeq());
        assertEquals("audit.digest-publish", publication.getAction());
        assertEquals(next.getHeadHash(), publication.getHash());

        JsonObject newest = publicDigests("").getJsonObject(0);
        assertEquals(next.getLastSeq(), newest.getJsonNumber("lastSeq").longValue());
        assertEquals(next.getHeadHash(), newest.getString("headHash"));
        JsonArray older = publicDigests("?before=" + next.getLastSeq());
        assertTrue(older.isEmpty() || older.getJsonObject(0).getJsonNumber("lastSeq").longValue() < next.getLastSeq());
    }

    @Test
    void aRecordRewrittenWithEveryHashRecomputedIsReportedAgainstThePublishedHead() throws Exception {
        tx.begin();
        long first = audit.record(AUDITOR, "test.fixture", "test", "PublishedDigestIT", "fixture 1").getSeq();
        audit.record(AUDITOR, "test.fixture", "test", "PublishedDigestIT", "fixture 2");
        AuditDigest published = digests.publishIfMoved(PUBLISHER).orElseThrow();
        audit.record(AUDITOR, "test.fixture", "test", "PublishedDigestIT", "after the publication");
        em.flush();
        em.clear();
        allowTampering();
        rewriteFrom(first + 1, "nothing happened here");

        ChainVerification v = audit.verify(AUDITOR);
        tx.rollback();
        assertFalse(v.intact(), "the rewrite went unnoticed");
        assertNull(v.firstBrokenSeq(), "every link was recomputed, so the walk itself finds nothing: " + v.problem());
        assertEquals(published.getLastSeq(), v.firstMismatchedDigestSeq(), v.digestProblem());
        assertTrue(v.digestProblem().contains("says record " + published.getLastSeq() + " has hash "
                + published.getHeadHash()), v.digestProblem());
        assertTrue(v.digestProblem().endsWith("(history up to that record was rewritten)."), v.digestProblem());
        assertEquals(v.digestProblem(), v.problem());

        tx.begin();
        ChainVerification after = audit.verify(AUDITOR);
        tx.rollback();
        assertTrue(after.intact(), "the shared chain is broken after the rollback: " + after.problem());
        assertTrue(after.digestsChecked() > 0);
    }

    /**
     * What a forger with write access would do: change one record and recompute its hash, every
     * later link and the head, so that the chain on its own is consistent again.
     */
    private void rewriteFrom(long seq, String newDetail) {
        String prev = ((String) em.createQuery("select r.hash from AuditRecord r where r.seq = :s")
                .setParameter("s", seq - 1).getSingleResult()).strip();
        List<Object[]> rows = em.createQuery("select r.seq, r.at, r.actor, r.role, r.action, r.objectType,"
                + " r.objectId, r.origin, r.detail from AuditRecord r where r.seq >= :s order by r.seq", Object[].class)
                .setParameter("s", seq).getResultList();
        for (Object[] r : rows) {
            long s = (Long) r[0];
            String detail = s == seq ? newDetail : (String) r[8];
            String hash = AuditRecord.stored(s, (Instant) r[1], (String) r[2], (String) r[3], (String) r[4],
                    (String) r[5], (String) r[6], (String) r[7], detail, prev, null).computeHash();
            assertEquals(1, em.createNativeQuery("update audit_record set detail = ?1, prev_hash = ?2, hash = ?3"
                    + " where seq = ?4").setParameter(1, detail).setParameter(2, prev).setParameter(3, hash)
                    .setParameter(4, s).executeUpdate());
            prev = hash;
        }
        assertEquals(1, em.createNativeQuery("update audit_head set last_hash = ?1 where id = 1")
                .setParameter(1, prev).executeUpdate());
    }

    private void allowTampering() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
                em.createNativeQuery("alter table audit_record disable trigger audit_record_append_only")
                        .executeUpdate();
            }
        }
    }

    /** The public API exactly as anyone reaches it: no token. */
    private static JsonArray publicDigests(String query) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:8080/api/register/audit-digests" + query))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        try (JsonReader reader = Json.createReader(new StringReader(r.body()))) {
            return reader.readArray();
        }
    }
}

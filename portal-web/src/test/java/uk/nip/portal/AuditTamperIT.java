package uk.nip.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nip.governance.audit.AuditTrail;
import uk.nip.governance.audit.ChainVerification;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.Role;

/**
 * Someone with database access rewrites the audit trail; verification must name the first broken
 * link and what is wrong there. Runs inside the server, against the portal's own datasource: each
 * test tampers inside a JTA transaction, verifies the chain as that transaction sees it through the
 * real {@link AuditTrail#verify}, then rolls back, so the shared chain stays intact for every other
 * test. On PostgreSQL it also proves the database itself refuses UPDATE and DELETE (migration V1_1)
 * and that tampering with that trigger switched off is still detected.
 */
@ExtendWith(ArquillianExtension.class)
class AuditTamperIT {

    @Deployment
    static WebArchive portal() {
        return PortalDeployment.builtWar().addClass(AuditTamperIT.class);
    }

    static final Actor AUDITOR = Actor.of("tamper-test", "in-container", Role.AUDITOR);

    @PersistenceContext(unitName = "governance")
    EntityManager em;

    @Inject
    UserTransaction tx;

    @Inject
    AuditTrail audit;

    @Resource(lookup = "java:jboss/datasources/PortalDS")
    DataSource dataSource;

    @BeforeEach
    void theSharedChainIsIntactBefore() throws Exception {
        assertIntactAfterRollback("before the test");
    }

    @AfterEach
    void theSharedChainIsIntactAfterTheRollback() throws Exception {
        if (tx.getStatus() != Status.STATUS_NO_TRANSACTION) {
            tx.rollback();
        }
        assertIntactAfterRollback("after the rollback");
    }

    @Test
    void aChangedDetailBreaksTheChainAtThatRecord() throws Exception {
        tx.begin();
        long first = appendFixtures();
        allowTampering();
        assertEquals(1, sql("update audit_record set detail = 'nothing happened here' where seq = " + (first + 1)));
        ChainVerification v = audit.verify(AUDITOR);
        tx.rollback();
        assertBrokenAt(v, first + 1, "its content no longer matches its hash (the record was changed)");
    }

    @Test
    void aDeletedRecordIsReportedMissingWhereTheGapStarts() throws Exception {
        tx.begin();
        long first = appendFixtures();
        allowTampering();
        assertEquals(1, sql("delete from audit_record where seq = " + (first + 1)));
        ChainVerification v = audit.verify(AUDITOR);
        tx.rollback();
        assertBrokenAt(v, first + 1, "record " + (first + 1) + " is missing");
    }

    @Test
    void aDeletedNewestRecordIsCaughtByTheHead() throws Exception {
        tx.begin();
        long first = appendFixtures();
        allowTampering();
        assertEquals(1, sql("delete from audit_record where seq = " + (first + 2)));
        ChainVerification v = audit.verify(AUDITOR);
        tx.rollback();
        assertBrokenAt(v, first + 2, "record " + (first + 2) + " is missing (the head says the chain ends at "
                + (first + 2) + ")");
    }

    @Test
    void twoRecordsWithSwappedSequenceNumbersBreakTheChainAtTheFirstOfThem() throws Exception {
        tx.begin();
        long first = appendFixtures();
        long a = first + 1;
        long b = first + 2;
        allowTampering();
        assertEquals(1, sql("update audit_record set seq = -1 where seq = " + a));
        assertEquals(1, sql("update audit_record set seq = " + a + " where seq = " + b));
        assertEquals(1, sql("update audit_record set seq = " + b + " where seq = -1"));
        ChainVerification v = audit.verify(AUDITOR);
        tx.rollback();
        assertBrokenAt(v, a, "its previous-record hash does not match record " + first
                + " (a record was changed, removed or reordered)");
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "NIP_DB_DRIVER", matches = "postgresql")
    void postgresqlRefusesAPlainUpdate() throws Exception {
        assertOnPostgresql();
        tx.begin();
        long first = appendFixtures();
        Exception refused = assertThrows(Exception.class,
                () -> sql("update audit_record set detail = 'rewritten' where seq = " + first));
        tx.rollback();
        assertTrue(causes(refused).contains("audit records are append-only: UPDATE refused"), causes(refused));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "NIP_DB_DRIVER", matches = "postgresql")
    void postgresqlRefusesAPlainDelete() throws Exception {
        assertOnPostgresql();
        tx.begin();
        long first = appendFixtures();
        Exception refused = assertThrows(Exception.class, () -> sql("delete from audit_record where seq = " + first));
        tx.rollback();
        assertTrue(causes(refused).contains("audit records are append-only: DELETE refused"), causes(refused));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "NIP_DB_DRIVER", matches = "postgresql")
    void postgresqlRefusesTruncate() throws Exception {
        assertOnPostgresql();
        tx.begin();
        Exception refused = assertThrows(Exception.class, () -> sql("truncate audit_record"));
        tx.rollback();
        assertTrue(causes(refused).contains("audit records are append-only: TRUNCATE refused"), causes(refused));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "NIP_DB_DRIVER", matches = "postgresql")
    void postgresqlTamperingWithTheTriggerSwitchedOffIsDetectedAndTheTriggerComesBack() throws Exception {
        assertOnPostgresql();
        tx.begin();
        long first = appendFixtures();
        allowTampering();
        assertEquals("D", sqlValue("select tgenabled from pg_trigger where tgname = 'audit_record_append_only'"));
        // A forger with the superuser's rights rewrites a record and recomputes nothing.
        assertEquals(1, sql("update audit_record set actor = 'someone-else', detail = null where seq = " + first));
        ChainVerification v = audit.verify(AUDITOR);
        tx.rollback();
        assertBrokenAt(v, first, "its content no longer matches its hash (the record was changed)");
        // Disabling the trigger was part of the rolled-back transaction: it is on again.
        tx.begin();
        assertEquals("O", sqlValue("select tgenabled from pg_trigger where tgname = 'audit_record_append_only'"));
        tx.rollback();
    }

    /** Three records appended the way every service does; returns the sequence number of the first. */
    private long appendFixtures() {
        long first = audit.record(AUDITOR, "test.fixture", "test", "AuditTamperIT", "fixture 1").getSeq();
        audit.record(AUDITOR, "test.fixture", "test", "AuditTamperIT", "fixture 2, with \"quotes\"");
        audit.record(AUDITOR, "test.fixture", "test", "AuditTamperIT", null);
        em.flush();
        return first;
    }

    /**
     * On PostgreSQL (told by the connection's metadata) a forger must first switch the append-only
     * trigger off, which takes the table's owner or the superuser, as the CI database user is.
     */
    private void allowTampering() throws SQLException {
        if (onPostgresql()) {
            assertEquals("on", sqlValue("select current_setting('is_superuser')"),
                    "switching the trigger off needs the superuser; run the suite as one (CI uses postgres)");
            sql("alter table audit_record disable trigger audit_record_append_only");
        }
    }

    /**
     * The PostgreSQL-only tests are switched on by NIP_DB_DRIVER, which JUnit reads on both sides of
     * Arquillian, so on H2 they are reported as skipped. (An assumption failing inside the container
     * comes back from arquillian-junit5 1.10 as an error, not a skip.) The datasource must agree.
     */
    private void assertOnPostgresql() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName();
            assertTrue(product.toLowerCase().contains("postgres"),
                    "NIP_DB_DRIVER=postgresql but the portal's datasource is " + product);
        }
    }

    private int sql(String statement) {
        return em.createNativeQuery(statement).executeUpdate();
    }

    private String sqlValue(String query) {
        return String.valueOf(em.createNativeQuery(query).getSingleResult());
    }

    private boolean onPostgresql() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        }
    }

    private void assertIntactAfterRollback(String when) throws Exception {
        tx.begin();
        ChainVerification v = audit.verify(AUDITOR);
        tx.rollback();
        assertTrue(v.intact(), "the shared chain is broken " + when + ": " + v.problem());
    }

    private static void assertBrokenAt(ChainVerification v, long seq, String problem) {
        assertFalse(v.intact(), "tampering went unnoticed");
        assertEquals(seq, v.firstBrokenSeq(), v.problem());
        assertEquals("Record " + seq + ": " + problem, v.problem());
    }

    private static String causes(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c.getClass().getName()).append(": ").append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }
}

package uk.nip.portal.infra;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateResult;
import uk.nip.governance.audit.DigestPublisher;
import uk.nip.governance.notification.MailRetry;
import uk.nip.governance.schema.SchemaMigrations;
import uk.nip.workflow.WorkflowEngine;

/**
 * Start-up in a fixed order: schema first, then the workflow engine, then demo data, then the
 * first publication of the audit head (which then repeats on its interval), then the retries of
 * mail that is waiting.
 */
@ApplicationScoped
public class PlatformStartup {

    private static final Logger LOG = Logger.getLogger(PlatformStartup.class.getName());

    @Resource(lookup = WorkflowEngine.DATASOURCE)
    DataSource dataSource;

    @Inject
    WorkflowEngine workflow;

    @Inject
    DemoData demoData;

    @Inject
    DigestPublisher digestPublisher;

    @Inject
    MailRetry mailRetry;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        MigrateResult result = SchemaMigrations.migrate(dataSource);
        LOG.info("Governance schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied)");
        workflow.start();
        if (DemoData.enabled()) {
            demoData.seed();
        }
        digestPublisher.start();
        mailRetry.start();
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        workflow.stop();
    }
}

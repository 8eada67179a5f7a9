package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.cdi.CdiExpressionManager;
import org.camunda.bpm.engine.impl.cfg.JakartaTransactionProcessEngineConfiguration;
import org.camunda.bpm.engine.repository.Deployment;

/**
 * The Camunda engine embedded in the portal. It shares the portal's datasource and JTA
 * transactions, so a governance event and the process step that caused it commit together.
 * camunda-engine-cdi produces the ProcessEngine bean from the engine registered here.
 */
@ApplicationScoped
public class WorkflowEngine {

    public static final String DATASOURCE = "java:jboss/datasources/PortalDS";
    static final String[] PROCESSES = {"bpmn/access-request.bpmn", "bpmn/committee-review.bpmn",
            "bpmn/amendment.bpmn", "bpmn/cohort-count.bpmn"};
    private static final Logger LOG = Logger.getLogger(WorkflowEngine.class.getName());

    private static volatile ProcessEngine engine;

    /** Builds the engine and deploys the processes; called once at start-up, after the schema migrations. */
    public synchronized ProcessEngine start() {
        if (engine == null) {
            JakartaTransactionProcessEngineConfiguration cfg = new JakartaTransactionProcessEngineConfiguration();
            cfg.setProcessEngineName("default");
            cfg.setDataSourceJndiName(DATASOURCE);
            cfg.setTransactionManager(lookup("java:jboss/TransactionManager"));
            cfg.setTransactionsExternallyManaged(true);
            // Camunda keeps its own tables in the governance database; it creates and upgrades them itself.
            cfg.setDatabaseSchemaUpdate("true");
            cfg.setHistory("full");
            cfg.setJobExecutorActivate(true);
            cfg.setExpressionManager(new CdiExpressionManager());
            cfg.setEnforceHistoryTimeToLive(true);
            ProcessEngine built = cfg.buildProcessEngine();
            var deployment = built.getRepositoryService().createDeployment()
                    .name("governance-processes").enableDuplicateFiltering(true);
            for (String process : PROCESSES) {
                deployment.addClasspathResource(process);
            }
            Deployment d = deployment.deploy();
            LOG.info("Workflow engine started; process deployment " + d.getId());
            engine = built;
        }
        return engine;
    }

    public synchronized void stop() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }

    public static boolean isRunning() {
        return engine != null;
    }

    static ProcessEngine current() {
        return engine;
    }

    @SuppressWarnings("unchecked")
    private static <T> T lookup(String name) {
        try {
            return (T) new InitialContext().lookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException("Cannot find " + name + " in JNDI", e);
        }
    }
}

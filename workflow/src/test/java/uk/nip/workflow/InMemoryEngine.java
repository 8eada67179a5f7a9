package uk.nip.workflow;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;

/**
 * A real Camunda engine on an in-memory H2 database, one per test class (each with its own name
 * and database), with governance delegates registered as mocks and timers fired by the tests.
 */
final class InMemoryEngine {

    private InMemoryEngine() {
    }

    static ProcessEngine named(String name) {
        StandaloneInMemProcessEngineConfiguration cfg = new StandaloneInMemProcessEngineConfiguration();
        cfg.setProcessEngineName(name);
        cfg.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        cfg.setExpressionManager(new MockExpressionManager());
        cfg.setHistory("full");
        cfg.setJobExecutorActivate(false);
        cfg.setEnforceHistoryTimeToLive(true);
        return cfg.buildProcessEngine();
    }

    /**
     * Runs the job that records a broker's completion (the broker's tasks are asynchronous
     * after), as the job executor would; returns how many ran.
     */
    static int recordBrokerCompletion(ManagementService jobs, String processInstanceId, String activityId) {
        var due = jobs.createJobQuery().processInstanceId(processInstanceId).activityId(activityId).executable().list();
        due.forEach(j -> jobs.executeJob(j.getId()));
        return due.size();
    }
}

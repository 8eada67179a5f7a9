package uk.nip.broker.worker;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;

import uk.nip.broker.ProjectId;
import uk.nip.broker.archive.ProjectOutputs;
import uk.nip.broker.cohort.CohortCriteria;
import uk.nip.broker.cohort.OptOutList;
import uk.nip.broker.deid.RestrictedStore;
import uk.nip.broker.provision.DatasetProvisioning;
import uk.nip.broker.provision.ProgressListener;
import uk.nip.broker.provision.RunReport;

/**
 * Topic {@code provision-dataset}: de-identifies an archived dataset, or the cohort of it the
 * optional {@code cohort*} variables select, into the project's output folder. Output names and bytes depend only on the project key and the input, so a
 * retried or repeated task rewrites the same files and returns the same manifest hash.
 */
public final class ProvisionDatasetHandler implements ExternalTaskHandler {

    public static final String TOPIC = "provision-dataset";
    private static final Logger LOG = Logger.getLogger(ProvisionDatasetHandler.class.getName());

    private final WorkerSettings settings;
    private final DatasetProvisioning provisioning;
    private final ClientCredentialsTokenSource tokens;

    /** Without a token source no progress is reported (the task is still completed with its results). */
    public ProvisionDatasetHandler(WorkerSettings settings) {
        this(settings, null);
    }

    public ProvisionDatasetHandler(WorkerSettings settings, ClientCredentialsTokenSource tokens) {
        this.settings = settings;
        this.tokens = tokens;
        this.provisioning = new DatasetProvisioning(settings.archive(), new ProjectOutputs(settings.outputDir()),
                new RestrictedStore(settings.storeDir()), OptOutList.of(settings.optOutFile()), settings.maxFileBytes(),
                settings.threads());
    }

    @Override
    public void execute(ExternalTask task, ExternalTaskService service) {
        long started = System.nanoTime();
        String projectValue = task.getVariable("projectId");
        String datasetId = task.getVariable("datasetId");
        // the engine stores the application id as a number; only its text is logged
        Object applicationId = task.getVariable("applicationId");
        RunReport report;
        ScheduledExecutorService lockKeeper = Executors.newSingleThreadScheduledExecutor();
        ProgressReporter progress = tokens == null || task.getProcessInstanceId() == null ? null
                : ProgressReporter.forProcessInstance(settings.camundaRestUrl(), task.getProcessInstanceId(), tokens);
        try {
            if (projectValue == null || datasetId == null) {
                throw new IllegalArgumentException("process variables projectId and datasetId are required");
            }
            ProjectId project = ProjectId.of(projectValue);
            // a large dataset can outlast the lock; keep it while we work
            long every = Math.max(1_000, settings.lockDurationMillis() / 2);
            lockKeeper.scheduleAtFixedRate(() -> extendLock(task, service), every, every, TimeUnit.MILLISECONDS);
            CohortCriteria criteria = CohortCriteria.from(name -> TaskVariables.text(task, name));
            report = provisioning.provision(project, datasetId, criteria, progress == null ? ProgressListener.NONE : progress,
                    TaskVariables.optOut(task, provisioning.optOut()));
        } catch (Exception e) {
            TaskFailures.report(LOG, task, service, "provisioning dataset " + datasetId + " for project " + projectValue
                    + " failed: " + e.getMessage(), e);
            return;
        } finally {
            lockKeeper.shutdownNow();
            // the last update goes before completion: a finished process instance has no variables to set
            if (progress != null) {
                progress.close();
            }
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put("filesWritten", report.written());
        variables.put("filesQuarantined", report.quarantined());
        variables.put("manifestSha256", report.manifestSha256());
        variables.put("outputLocation", report.outputFolder().toString());
        service.complete(task, variables);
        long ms = (System.nanoTime() - started) / 1_000_000;
        LOG.info(() -> TOPIC + " task=" + task.getId() + " application=" + applicationId + " project=" + projectValue
                + " dataset=" + datasetId + " received=" + report.received() + " written=" + report.written()
                + " quarantined=" + report.quarantined() + " ms=" + ms);
    }

    private void extendLock(ExternalTask task, ExternalTaskService service) {
        try {
            service.extendLock(task, settings.lockDurationMillis());
        } catch (RuntimeException e) {
            LOG.warning(() -> TOPIC + " task=" + task.getId() + " could not extend its lock: " + e.getClass().getSimpleName());
        }
    }
}

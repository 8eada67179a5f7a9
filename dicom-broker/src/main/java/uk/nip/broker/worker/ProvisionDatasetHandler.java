package uk.nip.broker.worker;

import java.util.HashMap;
import java.util.Map;
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
import uk.nip.broker.provision.RunStopped;

/**
 * Topic {@code provision-dataset}: de-identifies an archived dataset, or the cohort of it the
 * optional {@code cohort*} variables select, into the project's output folder. Output names and bytes depend only on the project key and the input, so a
 * retried or repeated task rewrites the same files and returns the same manifest hash. A task
 * withdrawn while it runs (the application was revoked) stops the run between instances.
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
        TaskLock lock = null;
        ProgressReporter progress = tokens == null || task.getProcessInstanceId() == null ? null
                : ProgressReporter.forProcessInstance(settings.camundaRestUrl(), task.getProcessInstanceId(), tokens);
        try {
            if (projectValue == null || datasetId == null) {
                throw new IllegalArgumentException("process variables projectId and datasetId are required");
            }
            ProjectId project = ProjectId.of(projectValue);
            // a large dataset can outlast the lock; keep it while we work, and stop if the task is withdrawn
            lock = TaskLock.keep(task, service, settings.lockDurationMillis());
            CohortCriteria criteria = CohortCriteria.from(name -> TaskVariables.text(task, name));
            report = provisioning.provision(project, datasetId, criteria, progress == null ? ProgressListener.NONE : progress,
                    TaskVariables.optOut(task, provisioning.optOut()), lock::lost);
        } catch (Exception e) {
            if (lock != null && lock.lost()) {
                logStopped(task, lock, applicationId, projectValue, datasetId, e);
                return;
            }
            TaskFailures.report(LOG, task, service, "provisioning dataset " + datasetId + " for project " + projectValue
                    + " failed: " + e.getMessage(), e);
            return;
        } finally {
            if (lock != null) {
                lock.close();
            }
            // the last update goes before completion: a finished process instance has no variables to set
            if (progress != null) {
                progress.close();
            }
        }
        if (lock.lost()) {
            // finished just as the task went: the engine would refuse the completion
            logStopped(task, lock, applicationId, projectValue, datasetId, null);
            return;
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

    /**
     * Neither completed nor failed: the engine has no task of ours to report on. What was finished
     * stays in the output folder, for a later run to resume or destruction to remove.
     */
    private static void logStopped(ExternalTask task, TaskLock lock, Object applicationId, String projectValue,
            String datasetId, Exception ending) {
        String progress = ending instanceof RunStopped s ? " finished=" + s.finished() + " of " + s.total()
                : ending == null ? " finished=all" : " ended=" + ending.getClass().getSimpleName();
        LOG.warning(() -> TOPIC + " task=" + task.getId() + " application=" + applicationId + " project=" + projectValue
                + " dataset=" + datasetId + " stopped: " + lock.lostBecause() + ";" + progress
                + "; not completed, no failure reported");
    }
}

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
import uk.nip.broker.archive.DatasetArchive;
import uk.nip.broker.archive.ProjectOutputs;
import uk.nip.broker.deid.DeidentificationProfile;
import uk.nip.broker.deid.RestrictedStore;
import uk.nip.broker.provision.DeidentificationRun;
import uk.nip.broker.provision.RunReport;

/**
 * Topic {@code provision-dataset}: de-identifies an archived dataset into the project's
 * output folder. Output names and bytes depend only on the project key and the input, so a
 * retried or repeated task rewrites the same files and returns the same manifest hash.
 */
public final class ProvisionDatasetHandler implements ExternalTaskHandler {

    public static final String TOPIC = "provision-dataset";
    private static final Logger LOG = Logger.getLogger(ProvisionDatasetHandler.class.getName());

    private final WorkerSettings settings;
    private final DatasetArchive archive;
    private final ProjectOutputs outputs;
    private final RestrictedStore store;

    public ProvisionDatasetHandler(WorkerSettings settings) {
        this.settings = settings;
        this.archive = new DatasetArchive(settings.archiveDir());
        this.outputs = new ProjectOutputs(settings.outputDir());
        this.store = new RestrictedStore(settings.storeDir());
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
        try {
            if (projectValue == null || datasetId == null) {
                throw new IllegalArgumentException("process variables projectId and datasetId are required");
            }
            ProjectId project = ProjectId.of(projectValue);
            // a large dataset can outlast the lock; keep it while we work
            long every = Math.max(1_000, settings.lockDurationMillis() / 2);
            lockKeeper.scheduleAtFixedRate(() -> extendLock(task, service), every, every, TimeUnit.MILLISECONDS);
            report = new DeidentificationRun(new DeidentificationRun.Settings(project, datasetId,
                    archive.datasetFolder(datasetId), outputs.datasetFolder(project, datasetId), store, datasetId,
                    DeidentificationProfile.tciaDefault(), settings.maxFileBytes(), settings.threads())).execute();
        } catch (Exception e) {
            TaskFailures.report(LOG, task, service, "provisioning dataset " + datasetId + " for project " + projectValue
                    + " failed: " + e.getMessage(), e);
            return;
        } finally {
            lockKeeper.shutdownNow();
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

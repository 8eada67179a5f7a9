package uk.nip.broker.worker;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;

import uk.nip.broker.ProjectId;
import uk.nip.broker.archive.DestructionAttestation;
import uk.nip.broker.archive.ProjectDataDestruction;
import uk.nip.broker.archive.ProjectOutputs;
import uk.nip.broker.deid.RestrictedStore;

/**
 * Topic {@code destroy-data}: deletes a project's released data and keys and attests to it. A task
 * delivered again (its completion did not reach the engine) gets the attestation already made.
 */
public final class DestroyDataHandler implements ExternalTaskHandler {

    public static final String TOPIC = "destroy-data";
    private static final Logger LOG = Logger.getLogger(DestroyDataHandler.class.getName());

    private final ProjectDataDestruction destruction;
    private final long lockDurationMillis;

    public DestroyDataHandler(WorkerSettings settings, Clock clock) {
        this.lockDurationMillis = settings.lockDurationMillis();
        this.destruction = new ProjectDataDestruction(new ProjectOutputs(settings.outputDir()),
                new RestrictedStore(settings.storeDir()), clock);
    }

    @Override
    public void execute(ExternalTask task, ExternalTaskService service) {
        String projectValue = task.getVariable("projectId");
        DestructionAttestation attestation;
        // hashing thousands of files can outlast the lock; a withdrawn task does not stop a destruction
        try (TaskLock lock = TaskLock.keep(task, service, lockDurationMillis)) {
            if (projectValue == null) {
                throw new IllegalArgumentException("process variable projectId is required");
            }
            attestation = destruction.destroy(ProjectId.of(projectValue));
        } catch (Exception e) {
            TaskFailures.report(LOG, task, service, "destroying data of project " + projectValue + " failed: "
                    + e.getMessage(), e);
            return;
        }
        // if the engine does not take this completion, the task comes again and gets this same attestation
        Map<String, Object> variables = new HashMap<>();
        variables.put("filesDestroyed", attestation.filesDestroyed());
        variables.put("bytesDestroyed", attestation.bytesDestroyed());
        variables.put("manifestSha256", attestation.manifestSha256());
        variables.put("destroyedAt", attestation.destroyedAt().toString());
        variables.put("destroyedBy", attestation.destroyedBy());
        service.complete(task, variables);
        LOG.info(() -> TOPIC + " task=" + task.getId() + " project=" + projectValue + " filesDestroyed="
                + attestation.filesDestroyed() + " bytesDestroyed=" + attestation.bytesDestroyed()
                + " restrictedFilesDestroyed=" + attestation.restrictedFilesDestroyed());
    }
}

package uk.nip.broker.worker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;

import uk.nip.broker.archive.ProjectOutputs;
import uk.nip.broker.cohort.CohortCounts;
import uk.nip.broker.cohort.CohortCriteria;
import uk.nip.broker.cohort.OptOutList;
import uk.nip.broker.deid.RestrictedStore;
import uk.nip.broker.provision.DatasetProvisioning;

/**
 * Topic {@code cohort-counts}: how large a cohort would be, for a feasibility check before an
 * application. Returns only small-number suppressed aggregates; opted-out patients are never counted.
 */
public final class CohortCountsHandler implements ExternalTaskHandler {

    public static final String TOPIC = "cohort-counts";
    /** Several collections at once, comma-separated; otherwise {@code datasetId}. */
    public static final String COLLECTIONS = "cohortCollections";
    private static final Logger LOG = Logger.getLogger(CohortCountsHandler.class.getName());

    private final DatasetProvisioning provisioning;

    public CohortCountsHandler(WorkerSettings settings) {
        this.provisioning = new DatasetProvisioning(settings.archive(), new ProjectOutputs(settings.outputDir()),
                new RestrictedStore(settings.storeDir()), OptOutList.of(settings.optOutFile()), settings.maxFileBytes(),
                settings.threads());
    }

    @Override
    public void execute(ExternalTask task, ExternalTaskService service) {
        List<String> datasets = new ArrayList<>();
        CohortCounts counts;
        try {
            String collections = TaskVariables.text(task, COLLECTIONS);
            String datasetId = TaskVariables.text(task, "datasetId");
            if (collections != null) {
                Arrays.stream(collections.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct()
                        .forEach(datasets::add);
            } else if (datasetId != null) {
                datasets.add(datasetId);
            }
            if (datasets.isEmpty()) {
                throw new IllegalArgumentException("process variable datasetId or " + COLLECTIONS + " is required");
            }
            counts = provisioning.count(datasets, CohortCriteria.from(name -> TaskVariables.text(task, name)),
                    TaskVariables.optOut(task, provisioning.optOut()));
        } catch (Exception e) {
            TaskFailures.report(LOG, task, service, "counting a cohort of " + datasets + " failed: " + e.getMessage(), e);
            return;
        }
        Map<String, Object> variables = counts.asVariables();
        service.complete(task, variables);
        // suppressed values only, as returned: the log is no place for small counts either
        LOG.info(() -> TOPIC + " task=" + task.getId() + " datasets=" + datasets + " patients="
                + variables.get("cohortPatients") + " instances=" + variables.get("cohortInstances"));
    }
}

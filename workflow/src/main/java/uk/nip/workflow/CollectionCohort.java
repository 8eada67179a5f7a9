package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.function.UnaryOperator;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.application.RequestedDataset;
import uk.nip.governance.catalogue.Catalogue;
import uk.nip.governance.domain.Actor;

/**
 * Before the broker provisions one requested collection: its archive location and its own cohort
 * criteria, set in the collection's scope so the first collection's never apply to another, and
 * the broker's results stay with the collection they belong to.
 */
@ApplicationScoped
@Named("collectionCohort")
public class CollectionCohort implements JavaDelegate {

    @Inject
    ApplicationService applications;

    @Inject
    Catalogue catalogue;

    @Override
    public void execute(DelegateExecution execution) {
        Application app = applications.get(Actor.system("workflow"), (Long) execution.getVariable("applicationId"));
        scope(execution, app.getDatasets(), id -> ArchiveLocation.of(catalogue, id));
    }

    static void scope(DelegateExecution execution, List<RequestedDataset> requested, UnaryOperator<String> archiveLocation) {
        String datasetId = (String) execution.getVariable(StartProvisioning.REQUESTED_DATASET);
        execution.setVariablesLocal(CohortVariables.collection(requested, archiveLocation, datasetId));
        for (String result : BrokerResult.VARIABLES) {
            execution.setVariableLocal(result, null);
        }
    }
}

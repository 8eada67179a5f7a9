package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.cohort.OptOutRegister;
import uk.nip.governance.domain.Actor;

/**
 * Marks the application as provisioning and lists the collections the broker is to provision,
 * the first (primary) one first.
 */
@ApplicationScoped
@Named("startProvisioning")
public class StartProvisioning implements JavaDelegate {

    static final String REQUESTED_DATASETS = "requestedDatasets";
    /** The collection being provisioned, in each round of the process's loop over them. */
    static final String REQUESTED_DATASET = "requestedDataset";

    @Inject
    ApplicationService applications;

    @Inject
    OptOutRegister optOuts;

    @Override
    public void execute(DelegateExecution execution) {
        Actor system = Actor.system("workflow");
        Application app = applications.startProvisioning(system, (Long) execution.getVariable("applicationId"));
        execution.setVariable(REQUESTED_DATASETS, new ArrayList<>(app.requestedCollections()));
        // The register as of now, so a patient who opted out after submission is still left out.
        execution.setVariables(CohortVariables.optOuts(optOuts.snapshot(system), optOuts.version()));
    }
}

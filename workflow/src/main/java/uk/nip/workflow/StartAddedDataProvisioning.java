package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.application.Amendment;
import uk.nip.governance.application.AmendmentService;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.cohort.OptOutRegister;
import uk.nip.governance.domain.Actor;

/** What the broker needs for the collections an amendment added, once that amendment is in effect. */
@ApplicationScoped
@Named("startAddedDataProvisioning")
public class StartAddedDataProvisioning implements JavaDelegate {

    static final String ADDED_DATASETS = "addedDatasets";

    @Inject
    ApplicationService applications;

    @Inject
    AmendmentService amendments;

    @Inject
    OptOutRegister optOuts;

    @Override
    public void execute(DelegateExecution execution) {
        Actor system = Actor.system("workflow");
        Application app = applications.get(system, (Long) execution.getVariable("applicationId"));
        Amendment amendment = amendments.inEffect(app, (Long) execution.getVariable(AmendmentProcess.AMENDMENT_ID));
        execution.setVariable(ADDED_DATASETS, new ArrayList<>(amendment.getAddedDatasetIds()));
        execution.setVariable("projectId", app.getReference());
        // the register as of now, as for the project's first collection
        execution.setVariables(CohortVariables.optOuts(optOuts.snapshot(system), optOuts.version()));
    }
}

package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.cohort.OptOutRegister;
import uk.nip.governance.domain.Actor;

/** Marks the application as provisioning before the broker is handed the work. */
@ApplicationScoped
@Named("startProvisioning")
public class StartProvisioning implements JavaDelegate {

    @Inject
    ApplicationService applications;

    @Inject
    OptOutRegister optOuts;

    @Override
    public void execute(DelegateExecution execution) {
        Actor system = Actor.system("workflow");
        applications.startProvisioning(system, (Long) execution.getVariable("applicationId"));
        // The register as of now, so a patient who opted out after submission is still left out.
        execution.setVariables(CohortVariables.optOuts(optOuts.snapshot(system), optOuts.version()));
    }
}

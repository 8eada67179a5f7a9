package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.domain.Actor;

/** Marks the application as provisioning before the broker is handed the work. */
@ApplicationScoped
@Named("startProvisioning")
public class StartProvisioning implements JavaDelegate {

    @Inject
    ApplicationService applications;

    @Override
    public void execute(DelegateExecution execution) {
        applications.startProvisioning(Actor.system("workflow"), (Long) execution.getVariable("applicationId"));
    }
}

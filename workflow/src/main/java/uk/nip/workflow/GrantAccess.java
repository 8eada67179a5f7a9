package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.domain.Actor;

/** Activates access once the broker has provisioned every requested collection, and schedules its end. */
@ApplicationScoped
@Named("grantAccess")
public class GrantAccess implements JavaDelegate {

    @Inject
    ApplicationService applications;

    @Override
    public void execute(DelegateExecution execution) {
        Application app = applications.activate(Actor.system("broker"), (Long) execution.getVariable("applicationId"));
        execution.setVariables(AccessPeriod.timers(app));
    }
}

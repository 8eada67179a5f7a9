package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.domain.Actor;

/** Activates access once the broker reports the de-identified dataset in place, and schedules its end. */
@ApplicationScoped
@Named("grantAccess")
public class GrantAccess implements JavaDelegate {

    @Inject
    ApplicationService applications;

    @Override
    public void execute(DelegateExecution execution) {
        Number files = (Number) execution.getVariable("filesWritten");
        String manifest = (String) execution.getVariable("manifestSha256");
        if (files == null || manifest == null) {
            throw new IllegalStateException("The broker completed provisioning without a file count and manifest hash");
        }
        Application app = applications.activate(Actor.system("broker"), (Long) execution.getVariable("applicationId"),
                files.longValue(), manifest);
        execution.setVariables(AccessPeriod.timers(app));
    }
}

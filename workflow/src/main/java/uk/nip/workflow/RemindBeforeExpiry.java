package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.agreement.AccessExpiringSoon;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.audit.AuditTrail;
import uk.nip.governance.domain.Actor;

/** Tells whoever notifies the team that the agreement ends soon. */
@ApplicationScoped
@Named("remindBeforeExpiry")
public class RemindBeforeExpiry implements JavaDelegate {

    @Inject
    ApplicationService applications;

    @Inject
    AuditTrail audit;

    @Inject
    Event<AccessExpiringSoon> expiringSoon;

    @Override
    public void execute(DelegateExecution execution) {
        Actor system = Actor.system("workflow");
        Application app = applications.get(system, (Long) execution.getVariable("applicationId"));
        audit.record(system, "access.expiry-reminder", "application", app.getReference(),
                "access ends after " + app.getEndDate());
        expiringSoon.fire(new AccessExpiringSoon(app.getId(), app.getReference(), app.getEndDate()));
    }
}

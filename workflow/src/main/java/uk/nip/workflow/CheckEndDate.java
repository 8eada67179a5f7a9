package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.domain.Actor;

/** The end-date timer fired: is the period really over, or did an amendment extend it meanwhile? */
@ApplicationScoped
@Named("checkEndDate")
public class CheckEndDate implements JavaDelegate {

    @Inject
    ApplicationService applications;

    @Override
    public void execute(DelegateExecution execution) {
        Application app = applications.get(Actor.system("workflow"), (Long) execution.getVariable("applicationId"));
        Date end = AccessPeriod.dayAfter(app.getEndDate());
        boolean over = !end.after(new Date());
        execution.setVariable("accessPeriodOver", over);
        if (!over) {
            execution.setVariables(AccessPeriod.timers(app));
        }
    }
}

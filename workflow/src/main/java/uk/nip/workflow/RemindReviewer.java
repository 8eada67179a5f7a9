package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.committee.CommitteeService;
import uk.nip.governance.domain.Actor;

/** The reminder timer before a member's review is due. */
@ApplicationScoped
@Named("remindReviewer")
public class RemindReviewer implements JavaDelegate {

    @Inject
    CommitteeService committees;

    @Override
    public void execute(DelegateExecution execution) {
        committees.reviewReminderDue(Actor.system("workflow"), (Long) execution.getVariable("applicationId"),
                (String) execution.getVariable("reviewer"));
    }
}

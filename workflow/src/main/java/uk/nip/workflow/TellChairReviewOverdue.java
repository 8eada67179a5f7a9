package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.committee.CommitteeService;
import uk.nip.governance.domain.Actor;

/** The escalation timer at a member's review due date: audited as review.overdue for the chair. */
@ApplicationScoped
@Named("reviewOverdue")
public class TellChairReviewOverdue implements JavaDelegate {

    @Inject
    CommitteeService committees;

    @Override
    public void execute(DelegateExecution execution) {
        committees.reviewOverdue(Actor.system("workflow"), (Long) execution.getVariable("applicationId"),
                (String) execution.getVariable("reviewer"));
    }
}

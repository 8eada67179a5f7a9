package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.committee.CommitteeService;
import uk.nip.governance.domain.Actor;

/**
 * Lists who reviews and by when. Members declare conflicts only when they open the work, so every
 * seated member without a declared conflict who has not voted yet gets a task; a later conflict
 * declaration closes that member's task. After a clarification the review clock starts again.
 */
@ApplicationScoped
@Named("askCommittee")
public class AskCommittee implements JavaDelegate {

    @Inject
    CommitteeService committees;

    @Inject
    ApplicationService applications;

    @Override
    public void execute(DelegateExecution execution) {
        Actor system = Actor.system("workflow");
        long applicationId = (Long) execution.getVariable("applicationId");
        int reviewDays = committees.committeeOf(applications.load(applicationId)).getReviewDays();
        ReviewDeadline deadline = ReviewDeadline.from(Instant.now(), reviewDays);
        execution.setVariable("reviewers", new ArrayList<>(committees.reviewersToAsk(system, applicationId)));
        execution.setVariable("reviewDue", deadline.dueDate());
        execution.setVariable("reviewReminderAt", deadline.reminderDate());
        execution.setVariable("quorate", false);
    }
}

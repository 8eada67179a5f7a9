package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.agreement.AnnualReviewDue;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.audit.AuditTrail;
import uk.nip.governance.domain.Actor;

/** Each year of access: the review is recorded as due and announced. */
@ApplicationScoped
@Named("annualReviewDue")
public class AnnualReview implements JavaDelegate {

    @Inject
    ApplicationService applications;

    @Inject
    AuditTrail audit;

    @Inject
    Event<AnnualReviewDue> due;

    @Override
    public void execute(DelegateExecution execution) {
        Actor system = Actor.system("workflow");
        Application app = applications.get(system, (Long) execution.getVariable("applicationId"));
        Instant now = Instant.now();
        audit.record(system, "access.annual-review-due", "application", app.getReference(),
                "state " + app.getState() + "; access ends after " + app.getEndDate());
        due.fire(new AnnualReviewDue(app.getId(), app.getReference(), now));
    }
}

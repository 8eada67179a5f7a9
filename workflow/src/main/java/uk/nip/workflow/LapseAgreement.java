package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.ApplicationAction;

/** Closes an approved application whose agreement was not signed by both parties in time. */
@ApplicationScoped
@Named("lapseAgreement")
public class LapseAgreement implements JavaDelegate {

    @Inject
    ApplicationService applications;

    @Override
    public void execute(DelegateExecution execution) {
        applications.recordStep(Actor.system("workflow"), (Long) execution.getVariable("applicationId"),
                ApplicationAction.LAPSE, "The agreement was not signed by both parties within "
                        + execution.getVariable(SigningLapse.VARIABLE) + " of being issued");
    }
}

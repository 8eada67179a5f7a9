package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.agreement.AgreementService;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.ApplicationAction;

/** Closes an approved application whose agreement was not signed by both parties in time. */
@ApplicationScoped
@Named("lapseAgreement")
public class LapseAgreement implements JavaDelegate {

    @Inject
    ApplicationService applications;

    @Inject
    AgreementService agreements;

    @Override
    public void execute(DelegateExecution execution) {
        Actor workflow = Actor.system("workflow");
        long applicationId = (Long) execution.getVariable("applicationId");
        Object period = execution.getVariable(SigningLapse.VARIABLE);
        // the unsigned version lapses with the approval, so its listing no longer offers it for signature
        agreements.lapseUnsigned(workflow, applicationId, String.valueOf(period));
        applications.recordStep(workflow, applicationId, ApplicationAction.LAPSE,
                "The agreement was not signed by both parties within " + period + " of being issued");
    }
}

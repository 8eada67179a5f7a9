package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.agreement.AgreementService;
import uk.nip.governance.application.AmendmentService;
import uk.nip.governance.domain.Actor;

/**
 * The amended version was not signed in time: it can no longer be signed, the one in effect still
 * governs, and the amendment is recorded as lapsed.
 */
@ApplicationScoped
@Named("lapseAmendedAgreement")
public class LapseAmendedAgreement implements JavaDelegate {

    @Inject
    AgreementService agreements;

    @Inject
    AmendmentService amendments;

    @Override
    public void execute(DelegateExecution execution) {
        Actor system = Actor.system("workflow");
        long applicationId = (Long) execution.getVariable("applicationId");
        agreements.lapseUnsigned(system, applicationId, (String) execution.getVariable(SigningLapse.VARIABLE));
        amendments.lapse(system, applicationId, (Long) execution.getVariable(AmendmentProcess.AMENDMENT_ID));
    }
}

package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.agreement.AgreementService;
import uk.nip.governance.domain.Actor;

/** The amended version was not signed in time: it can no longer be signed; the one in effect still governs. */
@ApplicationScoped
@Named("lapseAmendedAgreement")
public class LapseAmendedAgreement implements JavaDelegate {

    @Inject
    AgreementService agreements;

    @Override
    public void execute(DelegateExecution execution) {
        agreements.lapseUnsigned(Actor.system("workflow"), (Long) execution.getVariable("applicationId"),
                (String) execution.getVariable(SigningLapse.VARIABLE));
    }
}

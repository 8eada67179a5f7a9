package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.agreement.AgreementService;
import uk.nip.governance.domain.Actor;

/** Issues the next agreement version once the chair approves an amendment or renewal. */
@ApplicationScoped
@Named("issueAmendedAgreement")
public class IssueAmendedAgreement implements JavaDelegate {

    @Inject
    AgreementService agreements;

    @Override
    public void execute(DelegateExecution execution) {
        agreements.issue(Actor.system("workflow"), (Long) execution.getVariable("applicationId"),
                "Amendment approved: " + execution.getVariable(AmendmentProcess.SUMMARY));
    }
}

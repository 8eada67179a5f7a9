package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.agreement.AgreementService;
import uk.nip.governance.agreement.AgreementSummary;
import uk.nip.governance.domain.Actor;

/**
 * Issues the next agreement version once the chair approves an amendment or renewal. The process
 * keeps the version's number: only that version's signatures put this amendment in effect.
 */
@ApplicationScoped
@Named("issueAmendedAgreement")
public class IssueAmendedAgreement implements JavaDelegate {

    @Inject
    AgreementService agreements;

    @Override
    public void execute(DelegateExecution execution) {
        AgreementSummary issued = agreements.issueForAmendment(Actor.system("workflow"),
                (Long) execution.getVariable("applicationId"), (Long) execution.getVariable(AmendmentProcess.AMENDMENT_ID),
                "Amendment approved: " + execution.getVariable(AmendmentProcess.SUMMARY));
        execution.setVariable(AmendmentProcess.AGREEMENT_VERSION, issued.version());
    }
}

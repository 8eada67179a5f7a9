package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.agreement.AgreementService;
import uk.nip.governance.domain.Actor;

/** Issues version 1 of the data-sharing agreement as soon as the chair approves. */
@ApplicationScoped
@Named("issueAgreement")
public class IssueAgreement implements JavaDelegate {

    @Inject
    AgreementService agreements;

    @Override
    public void execute(DelegateExecution execution) {
        agreements.issue(Actor.system("workflow"), (Long) execution.getVariable("applicationId"),
                "Issued on the committee's approval");
    }
}

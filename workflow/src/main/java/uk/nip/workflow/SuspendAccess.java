package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.agreement.AgreementService;
import uk.nip.governance.domain.Actor;

/** The ethics approval ended: access is suspended, the data kept. */
@ApplicationScoped
@Named("suspendAccess")
public class SuspendAccess implements JavaDelegate {

    @Inject
    AgreementService agreements;

    @Override
    public void execute(DelegateExecution execution) {
        agreements.ethicsApprovalExpired(Actor.system("workflow"), (Long) execution.getVariable("applicationId"));
    }
}

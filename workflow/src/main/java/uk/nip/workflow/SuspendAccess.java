package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.agreement.AgreementService;
import uk.nip.governance.agreement.EthicsCheck;
import uk.nip.governance.domain.Actor;

/** The ethics approval's expiry date came: access is suspended (the data kept) unless renewed or over. */
@ApplicationScoped
@Named("suspendAccess")
public class SuspendAccess implements JavaDelegate {

    /** The process's ethics gateway follows it: SUSPENDED, STILL_VALID or ACCESS_OVER. */
    static final String ETHICS_OUTCOME = "ethicsOutcome";

    @Inject
    AgreementService agreements;

    @Override
    public void execute(DelegateExecution execution) {
        EthicsCheck found = agreements.ethicsApprovalExpired(Actor.system("workflow"),
                (Long) execution.getVariable("applicationId"));
        execution.setVariable(ETHICS_OUTCOME, found.name());
    }
}

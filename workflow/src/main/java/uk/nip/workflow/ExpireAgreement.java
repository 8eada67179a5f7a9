package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.agreement.AgreementService;
import uk.nip.governance.domain.Actor;

/** The end date passed: the agreement expires, and the destruction that follows is timed from now. */
@ApplicationScoped
@Named("expireAgreement")
public class ExpireAgreement implements JavaDelegate {

    @Inject
    AgreementService agreements;

    @Override
    public void execute(DelegateExecution execution) {
        agreements.expire(Actor.system("workflow"), (Long) execution.getVariable("applicationId"));
        execution.setVariable(AccessLifetime.END_REQUESTED_AT, new Date());
    }
}

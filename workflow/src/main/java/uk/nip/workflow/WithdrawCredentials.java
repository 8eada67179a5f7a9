package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.teardown.Teardown;

/** Disables the project's access before its data is deleted. */
@ApplicationScoped
@Named("withdrawCredentials")
public class WithdrawCredentials implements JavaDelegate {

    @Inject
    Teardown teardown;

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(AccessLifetime.CREDENTIALS_WITHDRAWN_AT, Date.from(teardown.credentialsWithdrawn(
                Actor.system("workflow"), (Long) execution.getVariable("applicationId"))));
    }
}

package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * Tells the access request that its period may have moved, so the expiry reminder and end date are
 * set again from the amended application. If the reminder has already gone, the access request
 * waits for the old end date, finds it extended there and reminds again before the new one.
 */
@ApplicationScoped
@Named("moveAccessPeriod")
public class MoveAccessPeriod implements JavaDelegate {

    static final String MOVED = "accessPeriodMoved";

    @Override
    public void execute(DelegateExecution execution) {
        String reference = execution.getProcessBusinessKey();
        RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
        boolean waiting = runtime.createExecutionQuery().processDefinitionKey(AccessRequestProcess.KEY)
                .processInstanceBusinessKey(reference)
                .messageEventSubscriptionName(AccessRequestProcess.ACCESS_PERIOD_CHANGED).count() > 0;
        if (waiting) {
            runtime.createMessageCorrelation(AccessRequestProcess.ACCESS_PERIOD_CHANGED)
                    .processInstanceBusinessKey(reference).correlateWithResult();
        }
        execution.setVariable(MOVED, waiting);
    }
}

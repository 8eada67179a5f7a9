package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.application.AmendmentService;
import uk.nip.governance.domain.Actor;

/** Both parties signed the amendment's version: its end date, datasets and team become the application's. */
@ApplicationScoped
@Named("putAmendmentInEffect")
public class PutAmendmentInEffect implements JavaDelegate {

    @Inject
    AmendmentService amendments;

    @Override
    public void execute(DelegateExecution execution) {
        amendments.putInEffect(Actor.system("workflow"), (Long) execution.getVariable("applicationId"),
                (Long) execution.getVariable(AmendmentProcess.AMENDMENT_ID),
                ((Number) execution.getVariable(AmendmentProcess.AGREEMENT_VERSION)).intValue());
    }
}

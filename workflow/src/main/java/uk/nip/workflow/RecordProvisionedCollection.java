package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.domain.Actor;

/** Records what the broker released for one requested collection, before access begins. */
@ApplicationScoped
@Named("recordProvisionedCollection")
public class RecordProvisionedCollection implements JavaDelegate {

    @Inject
    ApplicationService applications;

    @Override
    public void execute(DelegateExecution execution) {
        BrokerResult result = BrokerResult.of(execution);
        applications.recordProvisionedCollection(Actor.system("broker"), (Long) execution.getVariable("applicationId"),
                (String) execution.getVariable(StartProvisioning.REQUESTED_DATASET), result.filesWritten(),
                result.filesQuarantined(), result.manifestSha256());
        // the next collection's progress starts from "waiting for the broker", not from this one's last count
        execution.removeVariable(ProvisioningProgress.VARIABLE);
    }
}

package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.domain.Actor;

/** Activates access once the broker has provisioned every requested collection, and schedules its end. */
@ApplicationScoped
@Named("grantAccess")
public class GrantAccess implements JavaDelegate {

    @Inject
    ApplicationService applications;

    @Override
    public void execute(DelegateExecution execution) {
        Actor broker = Actor.system("broker");
        long id = (Long) execution.getVariable("applicationId");
        // A request started on the process as it was before ADR 15 had its one collection provisioned
        // without a record, the broker's result left on the process: it is the primary collection's.
        if (execution.getVariable("manifestSha256") != null) {
            BrokerResult result = BrokerResult.of(execution);
            applications.recordProvisionedCollection(broker, id, applications.get(broker, id).getDatasetId(),
                    result.filesWritten(), result.filesQuarantined(), result.manifestSha256());
        }
        Application app = applications.activate(broker, id);
        execution.setVariables(AccessPeriod.timers(app));
    }
}

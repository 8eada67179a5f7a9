package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import uk.nip.governance.agreement.AgreementInEffect;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.application.ApplicationSubmitted;
import uk.nip.governance.application.DecisionRecorded;
import uk.nip.governance.catalogue.Catalogue;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.ApplicationState;

/**
 * Moves the access-request process on when governance records something. Observers run inside the
 * governance transaction, so a refused process step rolls back the governance change too.
 */
@ApplicationScoped
public class AccessRequestProcess {

    public static final String KEY = "access-request";
    public static final String CHAIR_DECISION = "chair-decision";
    /** The message the process waits for between issuing the agreement and provisioning. */
    public static final String AGREEMENT_IN_EFFECT = "AgreementInEffect";

    @Inject
    ProcessEngine engine;

    @Inject
    ApplicationService applications;

    @Inject
    Catalogue catalogue;

    void onSubmitted(@Observes ApplicationSubmitted event) {
        Application app = applications.get(Actor.system("workflow"), event.applicationId());
        engine.getRuntimeService().startProcessInstanceByKey(KEY, event.reference(), CohortVariables.of(app, catalogue));
    }

    void onDecision(@Observes DecisionRecorded event) {
        List<Task> tasks = engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(referenceOf(event.applicationId()))
                .taskDefinitionKey(CHAIR_DECISION).list();
        if (tasks.size() != 1) {
            throw new IllegalStateException("Expected one open chair decision for application "
                    + event.applicationId() + " but found " + tasks.size());
        }
        engine.getTaskService().complete(tasks.get(0).getId(), Map.of("approved", event.approved()));
    }

    /**
     * Both parties have signed. Only the first agreement moves the process on (the application is then
     * AGREEMENT_SIGNED); an amendment's new version takes effect without reprovisioning.
     */
    void onAgreementInEffect(@Observes AgreementInEffect event) {
        Application app = applications.get(Actor.system("workflow"), event.applicationId());
        if (app.getState() != ApplicationState.AGREEMENT_SIGNED) {
            return;
        }
        engine.getRuntimeService().createMessageCorrelation(AGREEMENT_IN_EFFECT)
                .processInstanceBusinessKey(app.getReference())
                .setVariable("agreementVersion", event.version())
                .correlateWithResult();
    }

    private String referenceOf(long applicationId) {
        return applications.get(Actor.system("workflow"), applicationId).getReference();
    }
}

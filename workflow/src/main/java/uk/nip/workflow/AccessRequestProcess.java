package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.task.Task;
import uk.nip.governance.agreement.AgreementInEffect;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.application.ApplicationSubmitted;
import uk.nip.governance.application.ApplicationWithdrawn;
import uk.nip.governance.application.ScreeningCompleted;
import uk.nip.governance.catalogue.Catalogue;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.ApplicationState;

/**
 * Moves the access-request process on when governance records something; the committee's part is
 * CommitteeReviewProcess's. Observers run inside the governance transaction, so a refused process
 * step rolls back the governance change too.
 */
@ApplicationScoped
public class AccessRequestProcess {

    public static final String KEY = "access-request";
    public static final String SCREENING = "screen-application";
    public static final String RESUBMITTED = "ApplicationResubmitted";
    public static final String WITHDRAWN = "ApplicationWithdrawn";
    /** The message the process waits for between issuing the agreement and provisioning. */
    public static final String AGREEMENT_IN_EFFECT = "AgreementInEffect";
    /** An amendment's new agreement version took effect: the access period's dates are set again. */
    public static final String ACCESS_PERIOD_CHANGED = "AccessPeriodChanged";

    @Inject
    ProcessEngine engine;

    @Inject
    ApplicationService applications;

    @Inject
    Catalogue catalogue;

    /** A first submission starts the process; a resubmission after screening returned it resumes it. */
    void onSubmitted(@Observes ApplicationSubmitted event) {
        List<Execution> waiting = engine.getRuntimeService().createExecutionQuery()
                .processDefinitionKey(KEY).processInstanceBusinessKey(event.reference())
                .messageEventSubscriptionName(RESUBMITTED).list();
        if (!waiting.isEmpty()) {
            engine.getRuntimeService().createMessageCorrelation(RESUBMITTED)
                    .processInstanceBusinessKey(event.reference()).correlateWithResult();
            return;
        }
        Application app = applications.get(Actor.system("workflow"), event.applicationId());
        Map<String, Object> variables = CohortVariables.of(app, catalogue);
        variables.put(SigningLapse.VARIABLE, SigningLapse.configured());
        engine.getRuntimeService().startProcessInstanceByKey(KEY, event.reference(), variables);
    }

    void onScreened(@Observes ScreeningCompleted event) {
        Task task = OpenTasks.only(engine, KEY, referenceOf(event.applicationId()), SCREENING, "screening");
        engine.getTaskService().complete(task.getId(), Map.of("screeningComplete", event.complete()));
    }

    /** Withdrawal ends the process wherever it is waiting. */
    void onWithdrawn(@Observes ApplicationWithdrawn event) {
        engine.getRuntimeService().createMessageCorrelation(WITHDRAWN)
                .processInstanceBusinessKey(event.reference()).correlateAllWithResult();
    }

    /**
     * Both parties have signed. Only the first agreement moves this process on (the application is then
     * AGREEMENT_SIGNED); an amendment's new version is the amendment process's (AmendmentProcess).
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

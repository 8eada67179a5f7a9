package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import uk.nip.governance.agreement.AccessEnded;
import uk.nip.governance.agreement.AccessRevoked;
import uk.nip.governance.agreement.AgreementInEffect;
import uk.nip.governance.application.AmendmentRequested;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.domain.Actor;

/**
 * Runs an amendment or renewal (amendment.bpmn): the committee's review again, then the next
 * agreement version, which both parties sign within the signing period. The access-request process
 * keeps enforcing access meanwhile; the version in effect governs until the new one is signed.
 */
@ApplicationScoped
public class AmendmentProcess {

    public static final String KEY = "amendment";
    public static final String AMENDED_AGREEMENT_IN_EFFECT = "AmendedAgreementInEffect";
    /** Revocation or expiry of the access ends an amendment still in progress. */
    public static final String ACCESS_ENDED = "AccessEnded";
    static final String AMENDMENT_ID = "amendmentId";
    static final String SUMMARY = "amendmentSummary";
    /** The AmendmentKind name; the amendment's review carries it too, for the task list. */
    static final String KIND = "amendmentKind";

    @Inject
    ProcessEngine engine;

    @Inject
    ApplicationService applications;

    void onRequested(@Observes AmendmentRequested event) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("applicationId", event.applicationId());
        variables.put(AMENDMENT_ID, event.amendmentId());
        variables.put(KIND, event.kind().name());
        variables.put(SUMMARY, event.summary());
        variables.put(SigningLapse.VARIABLE, SigningLapse.configured());
        engine.getRuntimeService().startProcessInstanceByKey(KEY, event.reference(), variables);
    }

    /** The first agreement is the access request's; a later version is an amendment's, if one waits for it. */
    void onAgreementInEffect(@Observes AgreementInEffect event) {
        if (event.version() < 2) {
            return;
        }
        String reference = referenceOf(event.applicationId());
        if (waiting(reference, AMENDED_AGREEMENT_IN_EFFECT)) {
            engine.getRuntimeService().createMessageCorrelation(AMENDED_AGREEMENT_IN_EFFECT)
                    .processInstanceBusinessKey(reference).setVariable("agreementVersion", event.version())
                    .correlateWithResult();
        }
    }

    void onRevoked(@Observes AccessRevoked event) {
        endAmendment(event.reference());
    }

    void onEnded(@Observes AccessEnded event) {
        endAmendment(event.reference());
    }

    /** Correlates with whatever amendment is open; with none, nothing happens. */
    private void endAmendment(String reference) {
        engine.getRuntimeService().createMessageCorrelation(ACCESS_ENDED).processInstanceBusinessKey(reference)
                .correlateAllWithResult();
    }

    private boolean waiting(String reference, String message) {
        return engine.getRuntimeService().createExecutionQuery().processDefinitionKey(KEY)
                .processInstanceBusinessKey(reference).messageEventSubscriptionName(message).count() > 0;
    }

    private String referenceOf(long applicationId) {
        return applications.get(Actor.system("workflow"), applicationId).getReference();
    }
}

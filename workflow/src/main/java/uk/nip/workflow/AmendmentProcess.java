package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import uk.nip.governance.agreement.AccessEnded;
import uk.nip.governance.agreement.AccessRevoked;
import uk.nip.governance.agreement.AccessSuspended;
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
    /** The agreement version issued for the amendment; only its signatures put the amendment in effect. */
    static final String AGREEMENT_VERSION = "agreementVersion";

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

    /**
     * The first agreement is the access request's; a later version is the amendment's that it was
     * issued for, if that amendment still waits for it. A version the chair issued by hand, or one
     * that superseded an amendment's unsigned version, puts no amendment in effect.
     */
    void onAgreementInEffect(@Observes AgreementInEffect event) {
        if (event.version() < 2) {
            return;
        }
        versionSigned(referenceOf(event.applicationId()), event.version());
    }

    void versionSigned(String reference, int version) {
        engine.getRuntimeService().createMessageCorrelation(AMENDED_AGREEMENT_IN_EFFECT)
                .processInstanceBusinessKey(reference).processInstanceVariableEquals(AGREEMENT_VERSION, version)
                .correlateAllWithResult();
    }

    void onRevoked(@Observes AccessRevoked event) {
        endAmendment(event.reference());
    }

    void onEnded(@Observes AccessEnded event) {
        endAmendment(event.reference());
    }

    void onSuspended(@Observes AccessSuspended event) {
        endAmendment(event.reference());
    }

    /** Correlates with whatever amendment is open; with none, nothing happens. */
    private void endAmendment(String reference) {
        engine.getRuntimeService().createMessageCorrelation(ACCESS_ENDED).processInstanceBusinessKey(reference)
                .correlateAllWithResult();
    }

    private String referenceOf(long applicationId) {
        return applications.get(Actor.system("workflow"), applicationId).getReference();
    }
}

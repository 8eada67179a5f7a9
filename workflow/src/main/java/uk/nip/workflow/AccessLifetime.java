package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import uk.nip.governance.agreement.AccessRevoked;
import uk.nip.governance.agreement.EthicsApprovalRenewed;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.catalogue.Catalogue;
import uk.nip.governance.domain.Actor;

/**
 * Hands a revocation, and a renewed ethics approval, to the access-request process, which
 * enforces them. The observers run inside the governance transaction, so a revocation the process
 * cannot take is not recorded either.
 */
@ApplicationScoped
public class AccessLifetime {

    public static final String ACCESS_REVOKED = "AccessRevoked";
    public static final String ETHICS_APPROVAL_RENEWED = "EthicsApprovalRenewed";
    /** When access was ordered to end (revocation or expiry): the start of the propagation time. */
    static final String END_REQUESTED_AT = "endRequestedAt";
    static final String CREDENTIALS_WITHDRAWN_AT = "credentialsWithdrawnAt";
    static final String REVOCATION_GROUND = "revocationGround";
    /** Where revocation starts for an application whose process ended before the process had revocation. */
    static final String REVOCATION_FIRST_STEP = "withdraw-credentials";

    @Inject
    ProcessEngine engine;

    @Inject
    ApplicationService applications;

    @Inject
    Catalogue catalogue;

    /**
     * The process watches the renewed approval's expiry date; a suspended project's process,
     * waiting for the renewal, goes on to watch it. Runs inside the governance transaction.
     */
    void onEthicsApprovalRenewed(@Observes EthicsApprovalRenewed event) {
        ProcessInstance running = running(event.reference());
        if (running == null) {
            return;
        }
        engine.getRuntimeService().setVariable(running.getId(), "ethicsExpiresAt",
                AccessPeriod.dayAfter(event.ethicsExpiry()));
        engine.getRuntimeService().createMessageCorrelation(ETHICS_APPROVAL_RENEWED)
                .processInstanceId(running.getId()).correlateAllWithResult();
    }

    private ProcessInstance running(String reference) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(AccessRequestProcess.KEY)
                .processInstanceBusinessKey(reference).active().singleResult();
    }

    void onRevoked(@Observes AccessRevoked event) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(END_REQUESTED_AT, Date.from(event.requestedAt()));
        variables.put(REVOCATION_GROUND, event.ground().name());
        variables.put("revocationStatement", event.statement());
        ProcessInstance running = running(event.reference());
        if (running != null) {
            engine.getRuntimeService().createMessageCorrelation(ACCESS_REVOKED)
                    .processInstanceId(running.getId()).setVariables(variables).correlateWithResult();
            return;
        }
        // Active before the process waited out the access period: enforce with a fresh instance.
        Application app = applications.get(Actor.system("workflow"), event.applicationId());
        variables.putAll(CohortVariables.of(app, catalogue));
        engine.getRuntimeService().createProcessInstanceByKey(AccessRequestProcess.KEY)
                .businessKey(event.reference()).setVariables(variables)
                .startBeforeActivity(REVOCATION_FIRST_STEP).execute();
    }
}

package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.teardown.DestructionEvidence;
import uk.nip.governance.teardown.Teardown;

/** Keeps the broker's destruction attestation in governance and closes the application. */
@ApplicationScoped
@Named("recordDestruction")
public class RecordDestruction implements JavaDelegate {

    @Inject
    Teardown teardown;

    @Override
    public void execute(DelegateExecution execution) {
        teardown.recordDestruction(Actor.system("workflow"), (Long) execution.getVariable("applicationId"),
                evidence(execution), (String) execution.getVariable(AccessLifetime.REVOCATION_GROUND));
    }

    static DestructionEvidence evidence(DelegateExecution execution) {
        Number files = (Number) execution.getVariable("filesDestroyed");
        Number bytes = (Number) execution.getVariable("bytesDestroyed");
        Object destroyedAt = execution.getVariable("destroyedAt");
        String hash = (String) execution.getVariable("manifestSha256");
        String by = (String) execution.getVariable("destroyedBy");
        if (files == null || bytes == null || destroyedAt == null || hash == null || by == null) {
            throw new IllegalStateException("The broker completed destroy-data without a full attestation"
                    + " (filesDestroyed, bytesDestroyed, manifestSha256, destroyedAt, destroyedBy)");
        }
        Object withdrawn = execution.getVariable(AccessLifetime.CREDENTIALS_WITHDRAWN_AT);
        Instant requested = AccessPeriod.instant(execution.getVariable(AccessLifetime.END_REQUESTED_AT));
        return new DestructionEvidence(files.longValue(), bytes.longValue(), hash, AccessPeriod.instant(destroyedAt),
                by, execution.getProcessInstanceId(), requested,
                withdrawn == null ? null : AccessPeriod.instant(withdrawn));
    }
}

package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import uk.nip.governance.application.ValidationException;
import uk.nip.governance.audit.AuditTrail;
import uk.nip.governance.domain.AccessDeniedException;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.NotFoundException;
import uk.nip.governance.domain.Role;

/**
 * Steps that failed after their retries ran out (a broker task, or a timer or asynchronous step),
 * shown to custodians, who retry them once the cause is fixed.
 */
@ApplicationScoped
@Transactional
public class Incidents {

    /** What a custodian sees of one stuck step. */
    public record IncidentView(String id, String process, String reference, String step, String stepName,
            String type, String message, Instant time) {
    }

    @Inject
    ProcessEngine engine;

    @Inject
    AuditTrail audit;

    public List<IncidentView> open(Actor actor) {
        requireCustodian(actor);
        return engine.getRuntimeService().createIncidentQuery().orderByIncidentTimestamp().desc().list().stream()
                .map(this::view).toList();
    }

    /** Gives the step one more attempt; the engine runs it again at once (or the broker fetches it). */
    public IncidentView retry(Actor actor, String incidentId, String reason) {
        requireCustodian(actor);
        if (reason == null || reason.isBlank()) {
            throw new ValidationException("The step cannot be retried yet",
                    Map.of("reason", "Say what was fixed before retrying; the reason is kept in the audit trail."));
        }
        Incident incident = engine.getRuntimeService().createIncidentQuery().incidentId(incidentId).singleResult();
        if (incident == null) {
            throw new NotFoundException("There is no open incident " + incidentId
                    + "; it may have been retried already.");
        }
        IncidentView view = view(incident);
        switch (incident.getIncidentType()) {
            case Incident.EXTERNAL_TASK_HANDLER_TYPE ->
                    engine.getExternalTaskService().setRetries(incident.getConfiguration(), 1);
            case Incident.FAILED_JOB_HANDLER_TYPE ->
                    engine.getManagementService().setJobRetries(incident.getConfiguration(), 1);
            default -> throw new IllegalStateException("Incidents of type " + incident.getIncidentType()
                    + " cannot be retried from the portal");
        }
        audit.record(actor, "workflow.retry", "process", view.reference() == null ? incident.getProcessInstanceId()
                : view.reference(), "step " + view.step() + " (" + view.type() + "), last error: " + view.message()
                + "; reason: " + reason.strip());
        return view;
    }

    private IncidentView view(Incident i) {
        ProcessInstance pi = i.getProcessInstanceId() == null ? null : engine.getRuntimeService()
                .createProcessInstanceQuery().processInstanceId(i.getProcessInstanceId()).singleResult();
        ProcessDefinition def = i.getProcessDefinitionId() == null ? null : engine.getRepositoryService()
                .getProcessDefinition(i.getProcessDefinitionId());
        String stepName = null;
        if (def != null && i.getActivityId() != null) {
            var element = engine.getRepositoryService().getBpmnModelInstance(def.getId())
                    .getModelElementById(i.getActivityId());
            stepName = element == null ? null : element.getAttributeValue("name");
        }
        return new IncidentView(i.getId(), def == null ? null : def.getName(),
                pi == null ? null : pi.getBusinessKey(), i.getActivityId(), stepName, i.getIncidentType(),
                i.getIncidentMessage(), i.getIncidentTimestamp().toInstant());
    }

    private static void requireCustodian(Actor actor) {
        if (!actor.has(Role.CUSTODIAN)) {
            throw new AccessDeniedException("Only a data custodian may see and retry failed workflow steps.");
        }
    }
}

package uk.nip.portal.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import uk.nip.governance.domain.GovernanceException;
import uk.nip.portal.infra.CurrentActor;
import uk.nip.workflow.Incidents;
import uk.nip.workflow.Incidents.IncidentView;

/** The custodian's list of stuck workflow steps, each retried with a reason once its cause is fixed. */
@Named
@ViewScoped
public class IncidentsView implements Serializable {

    @Inject
    transient Incidents incidents;

    @Inject
    transient CurrentActor current;

    private String reason;

    public List<IncidentView> getOpen() {
        return incidents.open(current.actor());
    }

    public void retry(IncidentView incident) {
        try {
            incidents.retry(current.actor(), incident.id(), reason);
            Messages.info("\"" + (incident.stepName() == null ? incident.step() : incident.stepName()) + "\" of "
                    + incident.reference() + " will run again.");
            reason = null;
        } catch (GovernanceException e) {
            Messages.refused(e, "incidents");
        }
    }

    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}

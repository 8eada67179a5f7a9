package uk.nip.portal.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.domain.GovernanceException;
import uk.nip.portal.infra.CurrentActor;

/** Applications awaiting the committee, and the chair's decision with its reasons. */
@Named
@ViewScoped
public class CommitteeView implements Serializable {

    @Inject
    transient ApplicationService applications;

    @Inject
    transient CurrentActor current;

    private String reason;

    public List<Application> getAwaitingDecision() {
        return applications.awaitingDecision(current.actor());
    }

    public List<Application> getAll() {
        return applications.visibleTo(current.actor());
    }

    public void approve(Application app) {
        decide(app, true);
    }

    public void reject(Application app) {
        decide(app, false);
    }

    private void decide(Application app, boolean approve) {
        try {
            applications.decide(current.actor(), app.getId(), approve, reason);
            Messages.info("Application " + app.getReference() + (approve ? " approved." : " rejected."));
            reason = null;
        } catch (GovernanceException e) {
            Messages.refused(e, "decision");
        }
    }

    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}

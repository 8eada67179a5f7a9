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

/** The custodian's screening queue: complete applications go to the committee, others go back. */
@Named
@ViewScoped
public class ScreeningView implements Serializable {

    @Inject
    transient ApplicationService applications;

    @Inject
    transient CurrentActor current;

    private String reason;

    public List<Application> getAwaiting() {
        return applications.awaitingScreening(current.actor());
    }

    public void sendToCommittee(Application app) {
        screen(app, true);
    }

    public void returnToApplicant(Application app) {
        screen(app, false);
    }

    private void screen(Application app, boolean complete) {
        try {
            applications.screen(current.actor(), app.getId(), complete, reason);
            Messages.info(app.getReference() + (complete ? " sent to the committee." : " returned to the applicant."));
            reason = null;
        } catch (GovernanceException e) {
            Messages.refused(e, "screening");
        }
    }

    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}

package uk.nip.portal.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import uk.nip.governance.domain.GovernanceException;
import uk.nip.governance.domain.NotFoundException;
import uk.nip.governance.notification.MailQueue;
import uk.nip.governance.notification.WaitingMail;
import uk.nip.portal.infra.CurrentActor;

/**
 * The administrators' list of notification mail the mail server did not take, each tried again
 * or dismissed with a reason.
 */
@Named
@RequestScoped
public class MailView {

    @Inject
    MailQueue queue;

    @Inject
    CurrentActor current;

    private final RenderCache cache = new RenderCache();
    private String reason;

    public List<WaitingMail> getWaiting() {
        return cache.get("waiting", () -> queue.waiting(current.actor()));
    }

    public void tryAgain() {
        try {
            WaitingMail m = queue.tryAgain(current.actor(), chosen(), reason);
            Messages.info("\"" + m.getSubject() + "\" to " + m.getUsername() + " is tried again in the next round, "
                    + "within 10 seconds.");
            reason = null;
        } catch (GovernanceException e) {
            Messages.refused(e, "mail");
        }
    }

    public void dismiss() {
        try {
            WaitingMail m = queue.dismiss(current.actor(), chosen(), reason);
            Messages.info("\"" + m.getSubject() + "\" to " + m.getUsername() + " is dismissed and will not be sent.");
            reason = null;
        } catch (GovernanceException e) {
            Messages.refused(e, "mail");
        }
    }

    /** The mail's id as the page rendered it, not a row index: the list may have changed since. */
    private static long chosen() {
        String id = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("mailId");
        if (id == null || !id.matches("\\d{1,18}")) {
            throw new NotFoundException("Choose a mail from the list: this request named none.");
        }
        return Long.parseLong(id);
    }

    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}

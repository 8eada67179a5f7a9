package uk.nip.portal.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import uk.nip.governance.notification.MailQueue;
import uk.nip.governance.notification.WaitingMail;
import uk.nip.portal.infra.CurrentActor;

/** The administrators' list of notification mail the mail server did not take. */
@Named
@RequestScoped
public class MailView {

    @Inject
    MailQueue queue;

    @Inject
    CurrentActor current;

    private final RenderCache cache = new RenderCache();

    public List<WaitingMail> getWaiting() {
        return cache.get("waiting", () -> queue.waiting(current.actor()));
    }
}

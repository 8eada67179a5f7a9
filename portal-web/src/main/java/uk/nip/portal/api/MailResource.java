package uk.nip.portal.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.notification.MailQueue;
import uk.nip.governance.notification.WaitingMail;

/** Notification mail the mail server did not take, for administrators: waiting for a try, or given up. */
@Path("mail")
@Produces(MediaType.APPLICATION_JSON)
public class MailResource {

    /** Who it is for and what about; never the address or the body. */
    public record WaitingMailView(long id, String reference, String username, String subject, int attempts,
            Instant firstFailedAt, Instant nextAttemptAt, Instant givenUpAt, String lastError) {
        static WaitingMailView of(WaitingMail w) {
            return new WaitingMailView(w.getId(), w.getReference(), w.getUsername(), w.getSubject(), w.getAttempts(),
                    w.getFirstFailedAt(), w.getNextAttemptAt(), w.getGivenUpAt(), w.getLastError());
        }
    }

    @Inject
    Actor actor;

    @Inject
    MailQueue queue;

    @GET
    @Path("waiting")
    public List<WaitingMailView> waiting() {
        return queue.waiting(actor).stream().map(WaitingMailView::of).toList();
    }
}

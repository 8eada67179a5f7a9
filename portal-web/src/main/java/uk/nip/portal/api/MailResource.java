package uk.nip.portal.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.notification.MailQueue;
import uk.nip.governance.notification.WaitingMail;

/** Notification mail the mail server did not take, for administrators: waiting for a try, or given up. */
@Path("mail")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MailResource {

    /** Why the mail is tried again or dismissed: kept in the audit trail. */
    public record ActionRequest(String reason) {
    }

    /** Who it is for and what about; never the address or the body. */
    public record WaitingMailView(long id, String reference, String username, String subject, int attempts,
            Instant firstFailedAt, Instant nextAttemptAt, Instant givenUpAt, Instant triedAgainAt, String lastError) {
        static WaitingMailView of(WaitingMail w) {
            return new WaitingMailView(w.getId(), w.getReference(), w.getUsername(), w.getSubject(), w.getAttempts(),
                    w.getFirstFailedAt(), w.getNextAttemptAt(), w.getGivenUpAt(), w.getTriedAgainAt(), w.getLastError());
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

    /** Tried at the next round; a given-up mail gets two more days of tries. */
    @POST
    @Path("waiting/{id}/try-again")
    public WaitingMailView tryAgain(@PathParam("id") long id, ActionRequest request) {
        return WaitingMailView.of(queue.tryAgain(actor, id, request == null ? null : request.reason()));
    }

    /** Never sent: the row goes, the audit keeps who dismissed it and why. */
    @POST
    @Path("waiting/{id}/dismiss")
    public Response dismiss(@PathParam("id") long id, ActionRequest request) {
        queue.dismiss(actor, id, request == null ? null : request.reason());
        return Response.noContent().build();
    }
}

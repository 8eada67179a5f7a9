package uk.nip.portal.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import uk.nip.governance.committee.ClarificationMessage;
import uk.nip.governance.committee.ClarificationThread;
import uk.nip.governance.committee.CommitteeService;
import uk.nip.governance.domain.Actor;

/** Committee questions to the applicant and the threaded replies. */
@Path("applications/{id}/clarifications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClarificationResource {

    public record QuestionRequest(String question) {
    }

    public record ReplyRequest(String body) {
    }

    public record MessageView(long id, String author, String role, String body, Instant at) {
        static MessageView of(ClarificationMessage m) {
            return new MessageView(m.getId(), m.getAuthor(), m.getAuthorRole(), m.getBody(), m.getPostedAt());
        }
    }

    public record ThreadView(long id, MessageView question, List<MessageView> replies, boolean answered) {
        static ThreadView of(ClarificationThread t) {
            return new ThreadView(t.question().getId(), MessageView.of(t.question()),
                    t.replies().stream().map(MessageView::of).toList(), t.answered());
        }
    }

    @Inject
    Actor actor;

    @Inject
    CommitteeService committees;

    @PathParam("id")
    long id;

    @GET
    public List<ThreadView> threads() {
        return committees.threads(actor, id).stream().map(ThreadView::of).toList();
    }

    @POST
    public MessageView ask(QuestionRequest request) {
        return MessageView.of(committees.ask(actor, id, request == null ? null : request.question()));
    }

    @POST
    @Path("{thread}/replies")
    public MessageView reply(@PathParam("thread") long thread, ReplyRequest request) {
        return MessageView.of(committees.reply(actor, id, thread, request == null ? null : request.body()));
    }
}

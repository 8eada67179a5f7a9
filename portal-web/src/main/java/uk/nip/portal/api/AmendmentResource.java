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
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import uk.nip.governance.application.Amendment;
import uk.nip.governance.application.AmendmentForm;
import uk.nip.governance.application.AmendmentKind;
import uk.nip.governance.application.AmendmentService;
import uk.nip.governance.application.ValidationException;
import uk.nip.governance.domain.Actor;
import uk.nip.portal.api.ApplicationResource.DecisionRequest;
import uk.nip.portal.api.ApplicationResource.Member;

/** Amendments and renewals of an active application, and the chair's decision on them. */
@Path("applications/{id}/amendments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AmendmentResource {

    public record AmendmentRequest(AmendmentKind kind, String description, LocalDate newEndDate,
            List<String> addedDatasetIds, List<Member> addedMembers) {
    }

    public record AmendmentView(long id, int round, String kind, String description, LocalDate newEndDate,
            List<String> addedDatasetIds, List<Member> addedMembers, String status, String requestedBy,
            Instant requestedAt, String decidedBy, Instant decidedAt, String decisionReason, String summary) {
        static AmendmentView of(Amendment a) {
            return new AmendmentView(a.getId(), a.getReviewRound(), a.getKind().name(), a.getDescription(),
                    a.getNewEndDate(), a.getAddedDatasetIds(), a.getAddedMembers().stream().map(Member::of).toList(),
                    a.getStatus().name(), a.getRequestedBy(), a.getRequestedAt(), a.getDecidedBy(), a.getDecidedAt(),
                    a.getDecisionReason(), a.summary());
        }
    }

    @Inject
    Actor actor;

    @Inject
    AmendmentService amendments;

    @PathParam("id")
    long id;

    @GET
    public List<AmendmentView> list() {
        return amendments.amendments(actor, id).stream().map(AmendmentView::of).toList();
    }

    @POST
    public Response request(AmendmentRequest r) {
        if (r == null) {
            throw new ValidationException(Map.of("kind", "Send the amendment as a JSON object with kind and description."));
        }
        Amendment a = amendments.request(actor, id, new AmendmentForm(r.kind(), r.description(), r.newEndDate(),
                r.addedDatasetIds(), r.addedMembers() == null ? null
                        : r.addedMembers().stream().filter(Objects::nonNull).map(Member::value).toList()));
        return Response.created(URI.create("/api/applications/" + id + "/amendments")).entity(AmendmentView.of(a))
                .build();
    }

    @POST
    @Path("decision")
    public AmendmentView decide(DecisionRequest request) {
        if (request == null || request.approve() == null) {
            throw new ValidationException(Map.of("approve", "Say whether the amendment is approved (true or false)."));
        }
        return AmendmentView.of(amendments.decide(actor, id, request.approve(), request.reason()));
    }
}

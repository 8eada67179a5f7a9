package uk.nip.portal.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import uk.nip.governance.application.ValidationException;
import uk.nip.governance.committee.Committee;
import uk.nip.governance.committee.CommitteeService;
import uk.nip.governance.committee.DeclarationRequest;
import uk.nip.governance.committee.MajorityRule;
import uk.nip.governance.domain.Actor;

/** Committees, their rules and seats; and what waits for the signed-in member's declaration. */
@Path("committees")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CommitteeResource {

    public record SeatView(String username, String seat) {
    }

    public record CommitteeView(String id, String name, int quorum, String majorityRule, int reviewDays,
            List<SeatView> seats, long version) {
    }

    public record ConfigureRequest(Integer quorum, String majorityRule, Integer reviewDays, Long version) {
    }

    @Inject
    Actor actor;

    @Inject
    CommitteeService committees;

    @GET
    public List<CommitteeView> list() {
        return committees.committees().stream().map(this::view).toList();
    }

    @GET
    @Path("awaiting-declaration")
    public List<DeclarationRequest> awaitingDeclaration() {
        return committees.awaitingDeclaration(actor);
    }

    @PUT
    @Path("{id}")
    public CommitteeView configure(@PathParam("id") String id, ConfigureRequest request) {
        if (request == null || request.version() == null) {
            throw new ValidationException(Map.of("version",
                    "Send the version you edited, so a concurrent change is detected instead of overwritten."));
        }
        MajorityRule rule;
        try {
            rule = request.majorityRule() == null ? null : MajorityRule.valueOf(request.majorityRule());
        } catch (IllegalArgumentException e) {
            throw new ValidationException(Map.of("majorityRule",
                    "'" + request.majorityRule() + "' is not a majority rule: use SIMPLE, TWO_THIRDS or UNANIMOUS."));
        }
        return view(committees.configure(actor, id, request.version(), request.quorum(), rule, request.reviewDays()));
    }

    private CommitteeView view(Committee c) {
        return new CommitteeView(c.getId(), c.getName(), c.getQuorum(), c.getMajorityRule().name(), c.getReviewDays(),
                committees.members(c.getId()).stream()
                        .map(m -> new SeatView(m.getUsername(), m.getSeat().name().toLowerCase(Locale.ROOT))).toList(),
                c.getVersion());
    }
}

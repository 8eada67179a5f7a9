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
import java.util.Map;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ValidationException;
import uk.nip.governance.committee.CommitteeService;
import uk.nip.governance.committee.ConflictDeclaration;
import uk.nip.governance.committee.Tally;
import uk.nip.governance.committee.Vote;
import uk.nip.governance.committee.VoteChoice;
import uk.nip.governance.domain.Actor;
import uk.nip.portal.api.ApplicationResource.ApplicationView;

/** A committee member's review of one application: declaration, the review itself, and votes. */
@Path("applications/{id}/review")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReviewResource {

    public record DeclarationRequest(Boolean conflicted, String statement) {
    }

    public record DeclarationView(String member, boolean conflicted, String statement, int round, Instant at) {
        static DeclarationView of(ConflictDeclaration d) {
            return new DeclarationView(d.getMember(), d.isConflicted(), d.getStatement(), d.getReviewRound(),
                    d.getDeclaredAt());
        }
    }

    public record VoteRequest(VoteChoice choice, String reason, Long version) {
    }

    public record VoteView(String member, VoteChoice choice, String reason, Instant castAt, long version) {
        static VoteView of(Vote v) {
            return new VoteView(v.getMember(), v.getChoice(), v.getReason(), v.getCastAt(), v.getVersion());
        }
    }

    public record TallyView(int eligible, int conflicted, long approve, long reject, long abstain, long cast,
            int quorum, String majorityRule, boolean quorate, String recommendation) {
        static TallyView of(Tally t) {
            return new TallyView(t.eligible(), t.conflicted(), t.approve(), t.reject(), t.abstain(), t.cast(),
                    t.quorum(), t.rule().name(), t.quorate(), t.recommendation());
        }
    }

    public record ReviewView(ApplicationView application, int round, TallyView tally, List<VoteView> votes) {
    }

    @Inject
    Actor actor;

    @Inject
    CommitteeService committees;

    @PathParam("id")
    long id;

    /** Opens the review: audited, refused to anyone who has not declared, or declared a conflict. */
    @GET
    public ReviewView open() {
        Application app = committees.openReview(actor, id);
        return new ReviewView(ApplicationView.of(app), app.getReviewRound(), TallyView.of(committees.tally(app)),
                committees.votes(actor, id).stream().map(VoteView::of).toList());
    }

    @POST
    @Path("declaration")
    public DeclarationView declare(DeclarationRequest request) {
        if (request == null || request.conflicted() == null) {
            throw new ValidationException(Map.of("conflicted",
                    "Say whether you have a conflict of interest (true or false)."));
        }
        return DeclarationView.of(committees.declare(actor, id, request.conflicted(), request.statement()));
    }

    /** Casts a vote, or changes it: a change must name the version it replaces. */
    @POST
    @Path("vote")
    public VoteView vote(VoteRequest request) {
        if (request == null) {
            throw new ValidationException(Map.of("choice", "Send choice (APPROVE, REJECT or ABSTAIN) and reason."));
        }
        return VoteView.of(committees.vote(actor, id, request.choice(), request.reason(), request.version()));
    }
}

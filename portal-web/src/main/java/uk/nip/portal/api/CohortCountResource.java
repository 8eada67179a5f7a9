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
import java.util.List;
import uk.nip.governance.cohort.CohortCount;
import uk.nip.governance.cohort.CohortCounts;
import uk.nip.governance.domain.Actor;

/** Aggregate cohort counts for the committee: small numbers are suppressed before they reach the portal. */
@Path("applications/{id}/cohort-counts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class CohortCountResource {

    public record CountView(long id, String datasetId, String status, String requestedBy, Instant requestedAt,
            String patients, String studies, String series, String instances, String breakdown, Instant completedAt,
            String failure) {
        static CountView of(CohortCount c) {
            return new CountView(c.getId(), c.getDatasetId(), c.getStatus().name(), c.getRequestedBy(), c.getRequestedAt(),
                    c.getPatients(), c.getStudies(), c.getSeries(), c.getInstances(), c.getBreakdown(),
                    c.getCompletedAt(), c.getFailure());
        }
    }

    @Inject
    Actor actor;

    @Inject
    CohortCounts counts;

    @PathParam("id")
    long id;

    @GET
    public List<CountView> list() {
        return counts.counts(actor, id).stream().map(CountView::of).toList();
    }

    @POST
    public Response request() {
        List<CountView> made = counts.request(actor, id).stream().map(CountView::of).toList();
        return Response.accepted(made).location(URI.create("/api/applications/" + id + "/cohort-counts"))
                .build();
    }
}

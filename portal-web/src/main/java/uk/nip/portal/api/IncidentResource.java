package uk.nip.portal.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import uk.nip.governance.domain.Actor;
import uk.nip.workflow.Incidents;
import uk.nip.workflow.Incidents.IncidentView;

/** Workflow steps that ran out of retries, for custodians to retry once the cause is fixed. */
@Path("incidents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IncidentResource {

    /** What was fixed: kept in the audit trail with the retry. */
    public record RetryRequest(String reason) {
    }

    @Inject
    Actor actor;

    @Inject
    Incidents incidents;

    @GET
    public List<IncidentView> open() {
        return incidents.open(actor);
    }

    @POST
    @Path("{id}/retry")
    public IncidentView retry(@PathParam("id") String id, RetryRequest request) {
        return incidents.retry(actor, id, request == null ? null : request.reason());
    }
}

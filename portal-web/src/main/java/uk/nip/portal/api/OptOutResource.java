package uk.nip.portal.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import uk.nip.governance.cohort.OptOutRegister;
import uk.nip.governance.domain.Actor;

/** The national data opt-out register, for custodians. Identifiers go in; only counts come out in bulk. */
@Path("opt-outs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OptOutResource {

    public record RegisterRequest(List<String> patientIds, String source) {
    }

    public record RemoveRequest(String patientId, String reason) {
    }

    public record CheckRequest(String patientId) {
    }

    @Inject
    Actor actor;

    @Inject
    OptOutRegister register;

    @GET
    public Map<String, Object> summary() {
        return Map.of("patients", register.count(actor), "version", register.version());
    }

    @POST
    public OptOutRegister.Change add(RegisterRequest request) {
        return register.register(actor, request == null ? null : request.patientIds(),
                request == null ? null : request.source());
    }

    @POST
    @Path("removals")
    public Map<String, Object> remove(RemoveRequest request) {
        long version = register.remove(actor, request == null ? null : request.patientId(),
                request == null ? null : request.reason());
        return Map.of("removed", true, "version", version);
    }

    /** Is this one patient on the register? Posted, so the identifier never appears in an access log. */
    @POST
    @Path("checks")
    public Map<String, Object> check(CheckRequest request) {
        return Map.of("registered", register.contains(actor, request == null ? null : request.patientId()));
    }
}

package uk.nip.portal.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import uk.nip.governance.application.ConcurrentEditException;
import uk.nip.governance.application.ValidationException;
import uk.nip.governance.domain.AccessDeniedException;
import uk.nip.governance.domain.GovernanceException;
import uk.nip.governance.domain.IllegalTransitionException;
import uk.nip.governance.domain.NotFoundException;

/** Every refusal becomes a specific status and a message a person can act on. */
@Provider
public class GovernanceExceptionMapper implements ExceptionMapper<GovernanceException> {

    @Override
    public Response toResponse(GovernanceException e) {
        int status;
        if (e instanceof AccessDeniedException) {
            status = 403;
        } else if (e instanceof NotFoundException) {
            status = 404;
        } else if (e instanceof ConcurrentEditException || e instanceof IllegalTransitionException) {
            status = 409;
        } else {
            status = 422;
        }
        Map<String, Object> body = e instanceof ValidationException v
                ? Map.of("error", e.getMessage(), "problems", v.problems())
                : Map.of("error", e.getMessage());
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}

package uk.nip.portal.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything the governance layer did not refuse by name: malformed JSON is the caller's to fix,
 * a lost race is a conflict, and anything else gets an incident reference instead of a stack trace.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Override
    public Response toResponse(Exception e) {
        if (e instanceof WebApplicationException wae) {
            Response r = wae.getResponse();
            String reason = r.getStatusInfo().getReasonPhrase();
            return json(r.getStatus(), "The request was refused: " + reason + ".");
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException json) {
                return json(400, "The request body is not valid JSON for this call: " + json.getOriginalMessage());
            }
            if (t instanceof OptimisticLockException) {
                return json(409, "Someone else changed this at the same moment. Reload it and try again;"
                        + " your change was not saved.");
            }
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Unexpected error, incident " + incident, e);
        return json(500, "Something went wrong on our side and nothing was changed. Quote incident " + incident
                + " to the platform team.");
    }

    private static Response json(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", message)).build();
    }
}

package uk.nip.portal.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import uk.nip.workflow.ProvisioningProgress;

/**
 * What the broker's account may do with the engine's REST API (ADR 3): fetch, lock and finish
 * external tasks, and report its progress. web.xml admits only that account; this keeps it from
 * the rest of Camunda's API, with which it could complete a committee member's task, set any
 * variable or delete a process.
 */
@Provider
@PreMatching
public class BrokerScope implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(BrokerScope.class.getName());

    private static final Map<String, Pattern> ALLOWED = Map.of(
            "GET", Pattern.compile("engine|version"),
            "POST", Pattern.compile("external-task/fetchAndLock"
                    + "|external-task/[^/]+/(complete|failure|bpmnError|extendLock|unlock)"),
            "PUT", Pattern.compile("process-instance/[^/]+/variables/" + ProvisioningProgress.VARIABLE));

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String relative = path.startsWith("/") ? path.substring(1) : path;
        Pattern allowed = ALLOWED.get(request.getMethod());
        if (allowed != null && allowed.matcher(relative).matches()) {
            return;
        }
        LOG.warning(() -> "Refused " + request.getMethod() + " /engine-rest/" + relative + " to "
                + (request.getSecurityContext().getUserPrincipal() == null ? "an unnamed caller"
                        : request.getSecurityContext().getUserPrincipal().getName()));
        request.abortWith(Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE)
                .entity("{\"error\":\"The broker's account may only fetch, lock and finish external tasks and "
                        + "report provisioning progress; this request is none of those.\"}").build());
    }
}

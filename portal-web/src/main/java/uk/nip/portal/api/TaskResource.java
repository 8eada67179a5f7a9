package uk.nip.portal.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import uk.nip.governance.domain.Actor;
import uk.nip.workflow.TaskList;
import uk.nip.workflow.TaskList.OpenTask;

/**
 * The signed-in person's open tasks. Tasks are completed by doing the work (screening, voting,
 * deciding) through the endpoints and pages the task links to, not here.
 */
@Path("tasks")
@Produces(MediaType.APPLICATION_JSON)
public class TaskResource {

    @Inject
    Actor actor;

    @Inject
    TaskList tasks;

    @GET
    public List<OpenTask> mine() {
        return tasks.open(actor);
    }

    @POST
    @Path("{id}/claim")
    public OpenTask claim(@PathParam("id") String id) {
        return tasks.claim(actor, id);
    }

    @POST
    @Path("{id}/unclaim")
    public OpenTask unclaim(@PathParam("id") String id) {
        return tasks.unclaim(actor, id);
    }
}

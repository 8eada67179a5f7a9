package uk.nip.portal.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import uk.nip.governance.catalogue.ApplicationRestrictions;
import uk.nip.governance.catalogue.DuoCode;
import uk.nip.governance.catalogue.RestrictionFlag;
import uk.nip.governance.domain.Actor;

/**
 * Where an application appears to conflict with the use restrictions of the collections it asks
 * for; for whoever may see the application (signed-in area of web.xml, then per application).
 */
@Path("applications/{id}/restriction-flags")
@Produces(MediaType.APPLICATION_JSON)
public class RestrictionFlagResource {

    public record FlagView(String datasetId, String duoCode, String restriction, String reason) {
        static FlagView of(RestrictionFlag f) {
            return new FlagView(f.datasetId(), f.duoCode(), DuoCode.of(f.duoCode()).map(DuoCode::label).orElse(null),
                    f.reason());
        }
    }

    @Inject
    Actor actor;

    @Inject
    ApplicationRestrictions restrictions;

    @GET
    public List<FlagView> flags(@PathParam("id") long id) {
        return restrictions.flags(actor, id).stream().map(FlagView::of).toList();
    }
}

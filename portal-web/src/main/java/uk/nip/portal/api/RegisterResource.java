package uk.nip.portal.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import uk.nip.governance.register.RegisterEntry;
import uk.nip.governance.register.TransparencyRegister;

/** The public transparency register as JSON. No sign-in. */
@Path("register")
@Produces(MediaType.APPLICATION_JSON)
public class RegisterResource {

    @Inject
    TransparencyRegister register;

    @GET
    public List<RegisterEntry> entries() {
        return register.entries();
    }
}

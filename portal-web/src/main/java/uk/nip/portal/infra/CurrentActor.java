package uk.nip.portal.infra;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.Set;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.Role;

/** Turns the signed-in user of this request into the Actor every service method takes. */
@RequestScoped
public class CurrentActor {

    @Inject
    HttpServletRequest request;

    /** Dependent, not request-scoped: an Actor is an immutable record and cannot be proxied. */
    @Produces
    @Named("actor")
    public Actor actor() {
        String name = request.getUserPrincipal() == null ? "anonymous" : request.getUserPrincipal().getName();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Role role : Role.values()) {
            if (role != Role.SYSTEM && request.isUserInRole(role.realmName())) {
                roles.add(role);
            }
        }
        return new Actor(name, roles, originOf(request));
    }

    /** The client's address; behind the platform's reverse proxy, the first X-Forwarded-For hop. */
    static String originOf(HttpServletRequest request) {
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            return forwarded.split(",")[0].strip();
        }
        return request.getRemoteAddr();
    }
}

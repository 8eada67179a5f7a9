package uk.nip.portal.infra;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumSet;
import java.util.HashSet;
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

    /** The longest origin the audit trail and the events keep. */
    static final int MAX_ORIGIN = 100;

    /**
     * Reverse proxies in front of the portal (NIP_TRUSTED_PROXIES, comma-separated addresses; none
     * by default). X-Forwarded-For is believed only when the connection comes from one of them.
     */
    private static final Set<String> TRUSTED_PROXIES = addresses(System.getenv().getOrDefault("NIP_TRUSTED_PROXIES", ""));

    static Set<String> addresses(String list) {
        Set<String> out = new HashSet<>();
        for (String a : list.split(",")) {
            if (!a.isBlank()) {
                out.add(a.strip());
            }
        }
        return Set.copyOf(out);
    }

    static String originOf(HttpServletRequest request) {
        return originOf(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"), TRUSTED_PROXIES);
    }

    /**
     * The client's address: the peer, or, when the peer is a trusted proxy, the nearest hop in
     * X-Forwarded-For that is not one. The hops on the left are whatever the client sent, so a
     * client cannot put another address on the record.
     */
    static String originOf(String peer, String forwardedFor, Set<String> trustedProxies) {
        String origin = peer;
        if (trustedProxies.contains(peer) && forwardedFor != null) {
            String[] hops = forwardedFor.split(",");
            for (int i = hops.length - 1; i >= 0; i--) {
                String hop = hops[i].strip();
                if (hop.isEmpty()) {
                    break;
                }
                origin = hop;
                if (!trustedProxies.contains(hop)) {
                    break;
                }
            }
        }
        return origin.length() > MAX_ORIGIN ? origin.substring(0, MAX_ORIGIN) : origin;
    }
}

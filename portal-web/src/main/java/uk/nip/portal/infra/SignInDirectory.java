package uk.nip.portal.infra;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.wildfly.security.http.oidc.JsonWebToken;
import org.wildfly.security.http.oidc.OidcPrincipal;
import org.wildfly.security.http.oidc.OidcSecurityContext;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.people.PersonDirectory;

/**
 * Keeps the people directory in step with the identity provider: the name, address and roles in a
 * signed-in person's token are recorded (only when they differ from what was last recorded), so
 * notifications reach staff who are on no application's team.
 */
// Async: the broker's long-polling fetch-and-lock runs asynchronously through every filter.
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SignInDirectory extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(SignInDirectory.class.getName());

    @Inject
    CurrentActor currentActor;

    @Inject
    PersonDirectory people;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        if (req.getUserPrincipal() instanceof OidcPrincipal<?> principal) {
            record(principal.getOidcSecurityContext());
        }
        chain.doFilter(req, resp);
    }

    private void record(OidcSecurityContext context) {
        // A browser session carries the ID token; an API call only its bearer access token, which
        // Keycloak fills with the same profile and email claims.
        JsonWebToken token = context.getIDToken() != null ? context.getIDToken() : context.getToken();
        if (token == null) {
            return;
        }
        try {
            Actor actor = currentActor.actor();
            String name = token.getName() != null ? token.getName() : token.getPreferredUsername();
            if (!people.isCurrent(actor.username(), name, token.getEmail(), actor.roles())) {
                people.signedIn(actor, name, token.getEmail(), actor.roles());
            }
        } catch (RuntimeException e) {
            // The directory only serves notifications; failing to update it never refuses a request.
            LOG.log(Level.WARNING, "Could not record the signed-in person's details", e);
        }
    }
}

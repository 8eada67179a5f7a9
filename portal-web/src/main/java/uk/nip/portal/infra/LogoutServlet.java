package uk.nip.portal.infra;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.wildfly.security.http.oidc.OidcSecurityContext;

/** Ends the portal session and the Keycloak session, then returns to the public home page. */
@WebServlet("/logout")
public class LogoutServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        OidcSecurityContext oidc = (OidcSecurityContext) req.getAttribute(OidcSecurityContext.class.getName());
        String idToken = oidc == null ? null : oidc.getIDTokenString();
        req.logout();
        if (req.getSession(false) != null) {
            req.getSession(false).invalidate();
        }
        String home = req.getScheme() + "://" + req.getServerName() + ":" + req.getServerPort() + "/";
        String provider = System.getenv().getOrDefault("NIP_OIDC_PROVIDER_URL", "http://localhost:8180/realms/imaging");
        String url = provider + "/protocol/openid-connect/logout?client_id="
                + System.getenv().getOrDefault("NIP_OIDC_CLIENT_ID", "portal")
                + "&post_logout_redirect_uri=" + URLEncoder.encode(home, StandardCharsets.UTF_8)
                + (idToken == null ? "" : "&id_token_hint=" + URLEncoder.encode(idToken, StandardCharsets.UTF_8));
        resp.sendRedirect(url);
    }
}

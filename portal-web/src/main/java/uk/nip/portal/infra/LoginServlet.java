package uk.nip.portal.infra;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** "Sign in" from a public page: after Keycloak, go to the first area the user's roles open. */
@WebServlet("/login")
public class LoginServlet extends HttpServlet {

    private static final String[][] AREAS = {
        {"researcher", "/researcher/"}, {"dac-chair", "/committee/"}, {"dac-member", "/committee/"},
        {"custodian", "/custodian/"}, {"auditor", "/auditor/"}, {"admin", "/admin/"}};

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        for (String[] area : AREAS) {
            if (req.isUserInRole(area[0])) {
                resp.sendRedirect(area[1]);
                return;
            }
        }
        resp.sendRedirect("/");
    }
}

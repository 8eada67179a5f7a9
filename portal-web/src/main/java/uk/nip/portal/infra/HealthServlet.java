package uk.nip.portal.infra;

import jakarta.annotation.Resource;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import uk.nip.workflow.WorkflowEngine;

/** 200 when the portal, its database and the workflow engine are all up; 503 otherwise. */
@WebServlet("/health")
public class HealthServlet extends HttpServlet {

    @Resource(lookup = WorkflowEngine.DATASOURCE)
    DataSource dataSource;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean database = databaseUp();
        boolean workflow = WorkflowEngine.isRunning();
        resp.setStatus(database && workflow ? 200 : 503);
        resp.setContentType("application/json");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().printf("{\"status\":\"%s\",\"portal\":\"UP\",\"database\":\"%s\",\"workflow\":\"%s\"}%n",
                database && workflow ? "UP" : "DOWN", database ? "UP" : "DOWN", workflow ? "UP" : "DOWN");
    }

    private boolean databaseUp() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }
}

package uk.nip.portal;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import uk.nip.workflow.AmendmentProcess;

/**
 * Test support, deployed only with AmendmentIT, never in the portal's WAR: ends an amendment's
 * signing period now, by running its timer as the job executor would once the period is over.
 * The engine's REST API cannot do it: the broker's account, the only one it admits, may not.
 */
@WebServlet("/test-support/amendment-signing-period-over")
public class SigningPeriodOver extends HttpServlet {

    @Inject
    ProcessEngine engine;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
        ProcessInstance amendment = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(AmendmentProcess.KEY).processInstanceBusinessKey(req.getParameter("reference"))
                .active().singleResult();
        Job timer = amendment == null ? null : engine.getManagementService().createJobQuery()
                .processInstanceId(amendment.getId()).activityId("amended-signing-period-over").timers().singleResult();
        if (timer == null) {
            resp.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        engine.getManagementService().executeJob(timer.getId());
        resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}

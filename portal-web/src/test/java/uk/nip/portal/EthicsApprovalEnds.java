package uk.nip.portal;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.transaction.UserTransaction;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import uk.nip.workflow.AccessRequestProcess;

/**
 * Test support, deployed only with AmendmentIT, never in the portal's WAR. POST: the project's
 * ethics approval ended yesterday, and its timer runs as the job executor would then. GET: when
 * the process next checks the approval (the due time of its ethics timer), or 404.
 */
@WebServlet("/test-support/ethics-approval")
public class EthicsApprovalEnds extends HttpServlet {

    @Inject
    ProcessEngine engine;

    @PersistenceContext(unitName = "governance")
    EntityManager em;

    @Resource
    UserTransaction tx;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String reference = req.getParameter("reference");
        try {
            tx.begin();
            em.createQuery("update Application a set a.ethicsExpiry = :d where a.reference = :r")
                    .setParameter("d", LocalDate.now(ZoneOffset.UTC).minusDays(1)).setParameter("r", reference)
                    .executeUpdate();
            tx.commit();
        } catch (Exception e) {
            throw new IOException(e);
        }
        Job timer = ethicsTimer(reference);
        if (timer == null) {
            resp.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        engine.getManagementService().executeJob(timer.getId());
        resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Job timer = ethicsTimer(req.getParameter("reference"));
        if (timer == null) {
            resp.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        resp.setContentType("text/plain");
        resp.getWriter().write(timer.getDuedate().toInstant().toString());
    }

    private Job ethicsTimer(String reference) {
        ProcessInstance process = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(AccessRequestProcess.KEY).processInstanceBusinessKey(reference).active()
                .singleResult();
        if (process == null) {
            return null;
        }
        for (String activity : new String[] {"ethics-approval-ended", "renewed-approval-ended"}) {
            Job timer = engine.getManagementService().createJobQuery().processInstanceId(process.getId())
                    .activityId(activity).timers().singleResult();
            if (timer != null) {
                return timer;
            }
        }
        return null;
    }
}

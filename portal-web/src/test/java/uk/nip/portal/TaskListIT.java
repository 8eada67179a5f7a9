package uk.nip.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.application.ConcurrentEditException;
import uk.nip.governance.audit.AuditRecord;
import uk.nip.governance.audit.AuditTrail;
import uk.nip.governance.committee.CommitteeService;
import uk.nip.governance.committee.VoteChoice;
import uk.nip.governance.domain.AccessDeniedException;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.NotFoundException;
import uk.nip.workflow.TaskList;
import uk.nip.workflow.TaskList.OpenTask;

/**
 * Task lists inside the server, on the real engine and database: who sees which task, claiming,
 * overdue marking, and tasks closing when the work is done through the governance services.
 */
@ExtendWith(ArquillianExtension.class)
class TaskListIT {

    @Deployment
    static WebArchive portal() {
        return PortalDeployment.builtWar().addClass(ServiceRefusalIT.class);
    }

    static final Actor LEAD = ServiceRefusalIT.LEAD;
    static final Actor CUSTODIAN = ServiceRefusalIT.CUSTODIAN;
    static final Actor MEMBER = ServiceRefusalIT.MEMBER;
    static final Actor CHAIR = ServiceRefusalIT.CHAIR;
    static final Actor OTHER = ServiceRefusalIT.OTHER;

    @Inject
    ApplicationService applications;

    @Inject
    CommitteeService committees;

    @Inject
    TaskList tasks;

    @Inject
    ProcessEngine engine;

    @Inject
    AuditTrail audit;

    private Application submitted(String title) {
        long id = applications.createDraft(LEAD, ServiceRefusalIT.form(title)).getId();
        return applications.submit(LEAD, id);
    }

    private static List<OpenTask> about(List<OpenTask> list, Application app) {
        return list.stream().filter(t -> t.applicationId() == app.getId()).toList();
    }

    @Test
    void theCustodianSeesTheScreeningTaskAndTheResearcherSeesNone() {
        Application app = submitted("Task list: screening");
        List<OpenTask> custodians = about(tasks.open(CUSTODIAN), app);
        assertEquals(1, custodians.size(), custodians.toString());
        OpenTask screening = custodians.get(0);
        assertEquals("Screen the application", screening.name());
        assertEquals(app.getReference(), screening.reference());
        assertEquals("/custodian/", screening.workUrl());
        assertTrue(screening.claimable());
        assertFalse(screening.overdue());
        assertEquals(List.of(), about(tasks.open(LEAD), app), "the applicant has no task while screening");
        assertEquals(List.of(), about(tasks.open(OTHER), app));
        assertEquals(List.of(), about(tasks.open(MEMBER), app), "the committee sees it only after screening");
    }

    @Test
    void claimingIsAuditedRefusedToOthersAndReversible() {
        Application app = submitted("Task list: claim");
        OpenTask screening = about(tasks.open(CUSTODIAN), app).get(0);
        assertThrows(AccessDeniedException.class, () -> tasks.claim(LEAD, screening.id()), "the applicant claims");
        // Someone who may not see the application is told there is no such task: task ids are
        // sequential, and trying them must not reveal references or who holds them.
        NotFoundException hidden = assertThrows(NotFoundException.class, () -> tasks.claim(MEMBER, screening.id()),
                "a member claims before the committee may see it");
        assertFalse(hidden.getMessage().contains(app.getReference()), hidden.getMessage());
        assertThrows(NotFoundException.class, () -> tasks.claim(CUSTODIAN, "no-such-task"));

        OpenTask claimed = tasks.claim(CUSTODIAN, screening.id());
        assertEquals("custodian", claimed.assignee());
        assertFalse(claimed.claimable());
        assertTrue(claimed.releasable());
        Actor otherCustodian = new Actor("custodian2", CUSTODIAN.roles(), "it");
        assertThrows(ConcurrentEditException.class, () -> tasks.claim(otherCustodian, screening.id()));
        for (Actor outsider : List.of(OTHER, MEMBER)) {
            NotFoundException taken = assertThrows(NotFoundException.class, () -> tasks.claim(outsider, screening.id()));
            assertFalse(taken.getMessage().contains("custodian") || taken.getMessage().contains(app.getReference()),
                    taken.getMessage());
            assertThrows(NotFoundException.class, () -> tasks.unclaim(outsider, screening.id()));
        }
        assertEquals(List.of(), about(tasks.open(otherCustodian), app), "a taken task leaves the others' lists");
        assertThrows(AccessDeniedException.class, () -> tasks.unclaim(otherCustodian, screening.id()));

        OpenTask givenBack = tasks.unclaim(CUSTODIAN, screening.id());
        assertEquals(null, givenBack.assignee());
        assertTrue(givenBack.claimable());
        List<String> actions = audit.about("application", app.getReference()).stream().map(AuditRecord::getAction)
                .toList();
        assertTrue(actions.contains("task.claim") && actions.contains("task.unclaim"), actions.toString());
    }

    @Test
    void doingTheWorkClosesTheTaskAndEachMemberGetsAReviewTask() {
        Application app = submitted("Task list: review");
        applications.screen(CUSTODIAN, app.getId(), true, null);
        assertEquals(List.of(), about(tasks.open(CUSTODIAN), app), "screening closed with the screening");

        // The member's task shows before they declare: the review page asks for the declaration first.
        List<OpenTask> mine = about(tasks.open(MEMBER), app);
        assertEquals(1, mine.size(), mine.toString());
        assertEquals("Review and vote", mine.get(0).name());
        assertEquals("/committee/review.xhtml?application=" + app.getId(), mine.get(0).workUrl());
        assertTrue(mine.get(0).due().isAfter(Instant.now()));
        assertThrows(AccessDeniedException.class, () -> tasks.unclaim(MEMBER, mine.get(0).id()),
                "a task given by name cannot be handed back");

        committees.declare(MEMBER, app.getId(), false, null);
        committees.vote(MEMBER, app.getId(), VoteChoice.APPROVE, "Sound plan.", null);
        assertEquals(List.of(), about(tasks.open(MEMBER), app), "the vote closed the member's task");
        committees.declare(CHAIR, app.getId(), true, "I supervise the lead applicant.");
        assertEquals(List.of(), about(tasks.open(CHAIR), app), "a declared conflict closed the chair's review task");
    }

    @Test
    void aTaskPastItsDueDateIsMarkedOverdue() {
        Application app = submitted("Task list: overdue");
        OpenTask screening = about(tasks.open(CUSTODIAN), app).get(0);
        var task = engine.getTaskService().createTaskQuery().taskId(screening.id()).singleResult();
        task.setDueDate(Date.from(Instant.now().minusSeconds(3600)));
        engine.getTaskService().saveTask(task);
        OpenTask late = about(tasks.open(CUSTODIAN), app).get(0);
        assertTrue(late.overdue(), late.toString());
        // Overdue work comes before work not yet due.
        List<OpenTask> all = tasks.open(CUSTODIAN);
        int at = all.stream().map(OpenTask::id).toList().indexOf(late.id());
        assertTrue(all.subList(0, at).stream().allMatch(OpenTask::overdue), all.toString());
    }
}

package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import uk.nip.governance.application.AmendmentKind;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.application.ConcurrentEditException;
import uk.nip.governance.audit.AuditTrail;
import uk.nip.governance.domain.AccessDeniedException;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.NotFoundException;
import uk.nip.governance.domain.Role;

/**
 * A person's open work in the access-request process: tasks given to them and tasks their roles
 * may take. Work is completed by doing it on the page the task links to, never here, so the
 * governance event, the audit record and the process step always commit together.
 */
@ApplicationScoped
@Transactional
public class TaskList {

    /**
     * One open task.
     *
     * @param claimable true when nobody has taken it yet and the person's role may
     * @param releasable true when the person took it from their role and may give it back
     * @param workUrl   the page where the work is done
     */
    public record OpenTask(String id, String name, long applicationId, String reference, Instant created,
            Instant due, boolean overdue, String assignee, boolean claimable, boolean releasable, String workUrl) {
    }

    @Inject
    ProcessEngine engine;

    @Inject
    ApplicationService applications;

    @Inject
    AuditTrail audit;

    /**
     * Tasks assigned to this person, and unassigned tasks of their roles on applications they may
     * see. A review task is shown to its member before they declare: the assignment is the
     * committee's request, and the review page asks for the declaration first.
     */
    public List<OpenTask> open(Actor actor) {
        List<String> groups = groups(actor);
        TaskQuery query = engine.getTaskService().createTaskQuery()
                .processDefinitionKeyIn(AccessRequestProcess.KEY, CommitteeReviewProcess.KEY);
        query = groups.isEmpty() ? query.taskAssignee(actor.username())
                : query.or().taskAssignee(actor.username()).taskCandidateGroupIn(groups).endOr();
        Instant now = Instant.now();
        List<OpenTask> out = new ArrayList<>();
        for (Task task : query.orderByTaskCreateTime().asc().list()) {
            Application app = applicationOf(task);
            if (actor.username().equals(task.getAssignee()) || applications.mayView(actor, app)) {
                out.add(view(task, app, actor, now));
            }
        }
        // Soonest due first, undated last; otherwise oldest first.
        out.sort(Comparator.comparing(OpenTask::due, Comparator.nullsLast(Comparator.naturalOrder())));
        return out;
    }

    /** Takes an unassigned task of one's role; audited. Taking a task one already holds changes nothing. */
    public OpenTask claim(Actor actor, String taskId) {
        Task task = find(actor, taskId);
        Application app = visibleApplication(actor, task);
        if (actor.username().equals(task.getAssignee())) {
            return view(task, app, actor, Instant.now());
        }
        if (task.getAssignee() != null) {
            throw new ConcurrentEditException("'" + task.getName() + "' on " + app.getReference()
                    + " was already taken by " + task.getAssignee() + ".");
        }
        if (!mayTake(actor, task)) {
            throw new AccessDeniedException("You may not take '" + task.getName() + "' on " + app.getReference() + ".");
        }
        try {
            engine.getTaskService().claim(task.getId(), actor.username());
        } catch (TaskAlreadyClaimedException e) {
            throw new ConcurrentEditException("'" + task.getName() + "' on " + app.getReference()
                    + " was taken by someone else a moment ago.");
        }
        audit.record(actor, "task.claim", "application", app.getReference(), task.getName() + " (task " + task.getId() + ")");
        return view(reload(task), app, actor, Instant.now());
    }

    /** Gives a claimed task back to its role; audited. Tasks given to a person by name stay theirs. */
    public OpenTask unclaim(Actor actor, String taskId) {
        Task task = find(actor, taskId);
        Application app = visibleApplication(actor, task);
        if (!actor.username().equals(task.getAssignee())) {
            throw new AccessDeniedException("'" + task.getName() + "' on " + app.getReference()
                    + " is not yours to give back.");
        }
        if (candidateGroups(task).isEmpty()) {
            throw new AccessDeniedException("'" + task.getName() + "' on " + app.getReference()
                    + " was given to you by name; it cannot be handed back.");
        }
        engine.getTaskService().setAssignee(task.getId(), null);
        audit.record(actor, "task.unclaim", "application", app.getReference(), task.getName() + " (task " + task.getId() + ")");
        return view(reload(task), app, actor, Instant.now());
    }

    private Task find(Actor actor, String taskId) {
        Task task = taskId == null ? null : engine.getTaskService().createTaskQuery()
                .processDefinitionKeyIn(AccessRequestProcess.KEY, CommitteeReviewProcess.KEY).taskId(taskId)
                .singleResult();
        if (task == null) {
            throw new NotFoundException("There is no open task " + taskId + ".");
        }
        return task;
    }

    /**
     * The task's application, if the actor holds the task or may see the application. Otherwise
     * the task is answered as missing: task ids are sequential, and trying them must not reveal
     * other applications' references or who reviews them.
     */
    private Application visibleApplication(Actor actor, Task task) {
        Application app = applicationOf(task);
        if (!actor.username().equals(task.getAssignee()) && !applications.mayView(actor, app)) {
            throw new NotFoundException("There is no open task " + task.getId() + ".");
        }
        return app;
    }

    private Task reload(Task task) {
        return engine.getTaskService().createTaskQuery().taskId(task.getId()).singleResult();
    }

    private Application applicationOf(Task task) {
        Object id = engine.getTaskService().getVariable(task.getId(), "applicationId");
        return applications.load(((Number) id).longValue());
    }

    private boolean mayTake(Actor actor, Task task) {
        List<String> mine = groups(actor);
        return candidateGroups(task).stream().anyMatch(mine::contains);
    }

    private List<String> candidateGroups(Task task) {
        return engine.getTaskService().getIdentityLinksForTask(task.getId()).stream()
                .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                .map(IdentityLink::getGroupId).toList();
    }

    private static List<String> groups(Actor actor) {
        return actor.roles().stream().map(Role::realmName).toList();
    }

    private OpenTask view(Task task, Application app, Actor actor, Instant now) {
        Date due = task.getDueDate();
        return new OpenTask(task.getId(), nameOf(task), app.getId(), app.getReference(),
                task.getCreateTime().toInstant(), due == null ? null : due.toInstant(),
                due != null && due.toInstant().isBefore(now), task.getAssignee(),
                task.getAssignee() == null && mayTake(actor, task),
                actor.username().equals(task.getAssignee()) && !candidateGroups(task).isEmpty(), workUrl(task, app));
    }

    /** An amendment's review says so, so a member can tell it from the application's first review. */
    private String nameOf(Task task) {
        Object kind = engine.getTaskService().getVariable(task.getId(), AmendmentProcess.KIND);
        return kind == null ? task.getName()
                : task.getName() + " (amendment: " + AmendmentKind.valueOf(kind.toString()).label().toLowerCase(Locale.ROOT) + ")";
    }

    /** Where the work of each task is done; doing it completes the task. */
    static String workUrl(Task task, Application app) {
        return switch (task.getTaskDefinitionKey()) {
            case AccessRequestProcess.SCREENING -> "/custodian/";
            case CommitteeReviewProcess.REVIEW, CommitteeReviewProcess.CHAIR_DECISION ->
                    "/committee/review.xhtml?application=" + app.getId();
            default -> "/agreements/?application=" + app.getId();
        };
    }
}

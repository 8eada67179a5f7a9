package uk.nip.portal.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import uk.nip.governance.domain.GovernanceException;
import uk.nip.portal.infra.CurrentActor;
import uk.nip.workflow.TaskList;
import uk.nip.workflow.TaskList.OpenTask;

/** "My tasks": open work for the signed-in person, overdue tasks marked. */
@Named
@ViewScoped
public class TasksView implements Serializable {

    @Inject
    transient TaskList taskList;

    @Inject
    transient CurrentActor current;

    private List<OpenTask> tasks;

    public List<OpenTask> getTasks() {
        if (tasks == null) {
            tasks = taskList.open(current.actor());
        }
        return tasks;
    }

    public void claim(OpenTask task) {
        try {
            taskList.claim(current.actor(), task.id());
            Messages.info("You took '" + task.name() + "' on " + task.reference() + ".");
        } catch (GovernanceException e) {
            Messages.refused(e, "tasks");
        }
        tasks = null;
    }

    public void unclaim(OpenTask task) {
        try {
            taskList.unclaim(current.actor(), task.id());
            Messages.info("You gave back '" + task.name() + "' on " + task.reference() + ".");
        } catch (GovernanceException e) {
            Messages.refused(e, "tasks");
        }
        tasks = null;
    }

    public String getSignedIn() {
        return current.actor().username();
    }
}

package uk.nip.workflow;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;

/** The one open task a governance step completes; anything else means process and governance disagree. */
final class OpenTasks {

    private OpenTasks() {
    }

    static Task only(ProcessEngine engine, String processKey, String reference, String taskKey, String what) {
        List<Task> tasks = engine.getTaskService().createTaskQuery().processDefinitionKey(processKey)
                .processInstanceBusinessKey(reference).taskDefinitionKey(taskKey).list();
        if (tasks.size() != 1) {
            throw new IllegalStateException("Expected one open " + what + " task for application "
                    + reference + " but found " + tasks.size());
        }
        return tasks.get(0);
    }
}

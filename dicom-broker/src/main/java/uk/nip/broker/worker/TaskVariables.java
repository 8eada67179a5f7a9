package uk.nip.broker.worker;

import org.camunda.bpm.client.task.ExternalTask;

/** Reading optional process variables that may arrive as strings or numbers. */
final class TaskVariables {

    private TaskVariables() {
    }

    /** The variable as text; null when absent or blank. */
    static String text(ExternalTask task, String name) {
        Object v = task.getVariable(name);
        if (v == null) {
            return null;
        }
        String s = String.valueOf(v).trim();
        return s.isEmpty() ? null : s;
    }
}

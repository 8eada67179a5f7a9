package uk.nip.broker.worker;

import java.util.Arrays;
import org.camunda.bpm.client.task.ExternalTask;
import uk.nip.broker.cohort.OptOutList;

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

    /**
     * The broker's own opt-out file plus the portal's register sent with the task
     * ({@code optOutPatientIds}, one id per line). A task that carries the variable, even empty,
     * is checked against the register: an empty register is a register with nobody on it.
     */
    static OptOutList optOut(ExternalTask task, OptOutList configured) {
        Object register = task.getVariable("optOutPatientIds");
        if (register == null) {
            return configured;
        }
        return configured.withRegister(Arrays.asList(String.valueOf(register).split("\n")));
    }
}

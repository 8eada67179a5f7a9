package uk.nip.workflow;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.spi.ProcessEngineProvider;
import java.util.Set;

/** Lets the Camunda REST API (used only by the broker) reach the embedded engine. */
public class EngineRestProvider implements ProcessEngineProvider {

    @Override
    public ProcessEngine getDefaultProcessEngine() {
        return WorkflowEngine.current();
    }

    @Override
    public ProcessEngine getProcessEngine(String name) {
        ProcessEngine e = WorkflowEngine.current();
        return e != null && e.getName().equals(name) ? e : null;
    }

    @Override
    public Set<String> getProcessEngineNames() {
        ProcessEngine e = WorkflowEngine.current();
        return e == null ? Set.of() : Set.of(e.getName());
    }
}

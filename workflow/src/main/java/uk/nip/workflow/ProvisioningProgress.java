package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;

/**
 * How far the broker has got with an application's dataset ("done/total"), as it reports it while
 * provisioning. Pages show it only for applications the viewer already sees in state PROVISIONING.
 */
@ApplicationScoped
@Named("provisioningProgress")
public class ProvisioningProgress {

    static final String VARIABLE = "provisioningProgress";
    static final String STARTING = "starting";

    @Inject
    ProcessEngine engine;

    /** For pages: "12/40 files", or "waiting for the broker" before its first report. */
    public String label(String reference) {
        String done = of(reference);
        return done == null ? "" : done.equals(STARTING) ? "waiting for the broker" : done + " files";
    }

    /** The latest "done/total" the broker reported, "starting" before its first report, null without a process. */
    public String of(String reference) {
        ProcessInstance pi = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(AccessRequestProcess.KEY).processInstanceBusinessKey(reference).singleResult();
        if (pi == null) {
            return null;
        }
        VariableInstance v = engine.getRuntimeService().createVariableInstanceQuery()
                .processInstanceIdIn(pi.getId()).variableName(VARIABLE).singleResult();
        return v == null || v.getValue() == null ? STARTING : v.getValue().toString();
    }
}

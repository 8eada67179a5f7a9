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

    @Inject
    ProcessEngine engine;

    /** The latest progress, or "starting" before the broker's first report. */
    public String of(String reference) {
        ProcessInstance pi = engine.getRuntimeService().createProcessInstanceQuery()
                .processDefinitionKey(AccessRequestProcess.KEY).processInstanceBusinessKey(reference).singleResult();
        if (pi == null) {
            return null;
        }
        VariableInstance v = engine.getRuntimeService().createVariableInstanceQuery()
                .processInstanceIdIn(pi.getId()).variableName(VARIABLE).singleResult();
        return v == null || v.getValue() == null ? "starting" : v.getValue().toString();
    }
}

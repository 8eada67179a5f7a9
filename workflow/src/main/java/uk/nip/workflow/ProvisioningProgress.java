package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import uk.nip.governance.domain.ApplicationState;

/**
 * How far the broker has got ("done/total"), as it reports it while provisioning: the requested
 * collections while the application is PROVISIONING, and a collection an amendment added while it is ACTIVE.
 * Pages show it only for applications the viewer already sees.
 */
@ApplicationScoped
@Named("provisioningProgress")
public class ProvisioningProgress {

    static final String VARIABLE = "provisioningProgress";
    static final String STARTING = "starting";
    /** The amendment's step that waits on the broker, one added collection at a time. */
    static final String ADDED_COLLECTION_STEP = "provision-added-dataset";

    @Inject
    ProcessEngine engine;

    /**
     * For pages, after the state: " (12/40 files)", " (waiting for the broker)" before its first
     * report, " (demo-brain-mr, 2 of 2: 3/6 files)" where several collections were requested,
     * " (adding demo-knee-mr: 3/6 files)" for an amendment's collection; "" when nothing runs.
     */
    public String label(String reference, ApplicationState state) {
        if (state == ApplicationState.PROVISIONING) {
            ProcessInstance pi = engine.getRuntimeService().createProcessInstanceQuery()
                    .processDefinitionKey(AccessRequestProcess.KEY).processInstanceBusinessKey(reference).singleResult();
            if (pi == null) {
                return "";
            }
            String done = words(progress(pi));
            Object collection = variable(pi, StartProvisioning.REQUESTED_DATASET);
            if (variable(pi, StartProvisioning.REQUESTED_DATASETS) instanceof List<?> all && all.size() > 1
                    && collection != null) {
                return " (" + collection + ", " + (all.indexOf(collection) + 1) + " of " + all.size() + ": " + done + ")";
            }
            return " (" + done + ")";
        }
        if (state == ApplicationState.ACTIVE) {
            ProcessInstance adding = engine.getRuntimeService().createProcessInstanceQuery()
                    .processDefinitionKey(AmendmentProcess.KEY).processInstanceBusinessKey(reference)
                    .activityIdIn(ADDED_COLLECTION_STEP).singleResult();
            if (adding != null) {
                return " (adding " + variable(adding, "addedDataset") + ": " + words(progress(adding)) + ")";
            }
        }
        return "";
    }

    /** The latest "done/total" the broker reported, "starting" before its first report. */
    private String progress(ProcessInstance pi) {
        Object done = variable(pi, VARIABLE);
        return done == null ? STARTING : done.toString();
    }

    private Object variable(ProcessInstance pi, String name) {
        VariableInstance v = engine.getRuntimeService().createVariableInstanceQuery()
                .processInstanceIdIn(pi.getId()).variableName(name).singleResult();
        return v == null ? null : v.getValue();
    }

    private static String words(String done) {
        return done.equals(STARTING) ? "waiting for the broker" : done + " files";
    }
}

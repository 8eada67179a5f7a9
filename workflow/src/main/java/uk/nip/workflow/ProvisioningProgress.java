package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import uk.nip.governance.domain.ApplicationState;

/**
 * How far the broker has got ("done/total"), as it reports it while provisioning: the requested
 * collections while the application is PROVISIONING, and a collection an amendment added while it is ACTIVE.
 * Pages show it only for applications the viewer already sees.
 */
@ApplicationScoped
@Named("provisioningProgress")
public class ProvisioningProgress {

    /** The process variable the broker writes its "done/total" to; the only one it may set (BrokerScope). */
    public static final String VARIABLE = "provisioningProgress";
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
            Map<String, Object> v = variables(pi, VARIABLE, StartProvisioning.REQUESTED_DATASET,
                    StartProvisioning.REQUESTED_DATASETS);
            String done = words(v.get(VARIABLE));
            Object collection = v.get(StartProvisioning.REQUESTED_DATASET);
            if (v.get(StartProvisioning.REQUESTED_DATASETS) instanceof List<?> all && all.size() > 1 && collection != null) {
                return " (" + collection + ", " + (all.indexOf(collection) + 1) + " of " + all.size() + ": " + done + ")";
            }
            return " (" + done + ")";
        }
        if (state == ApplicationState.ACTIVE) {
            ProcessInstance adding = engine.getRuntimeService().createProcessInstanceQuery()
                    .processDefinitionKey(AmendmentProcess.KEY).processInstanceBusinessKey(reference)
                    .activityIdIn(ADDED_COLLECTION_STEP).singleResult();
            if (adding != null) {
                Map<String, Object> v = variables(adding, VARIABLE, "addedDataset");
                return " (adding " + v.get("addedDataset") + ": " + words(v.get(VARIABLE)) + ")";
            }
        }
        return "";
    }

    /** The named variables of a process instance and its scopes, in one query; absent ones are missing. */
    private Map<String, Object> variables(ProcessInstance pi, String... names) {
        Map<String, Object> v = new HashMap<>();
        engine.getRuntimeService().createVariableInstanceQuery().processInstanceIdIn(pi.getId()).variableNameIn(names)
                .list().forEach(i -> v.put(i.getName(), i.getValue()));
        return v;
    }

    /** The latest "done/total" the broker reported in words; before its first report, that it has not started. */
    private static String words(Object done) {
        return done == null ? "waiting for the broker" : done + " files";
    }
}

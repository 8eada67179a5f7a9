package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.catalogue.Catalogue;
import uk.nip.governance.cohort.CohortCountRequested;
import uk.nip.governance.cohort.CohortCounts;
import uk.nip.governance.cohort.OptOutRegister;
import uk.nip.governance.domain.Actor;

/** Hands a cohort count of one collection to the broker and records the suppressed aggregates it returns. */
@ApplicationScoped
@Named("recordCohortCount")
public class CohortCountProcess implements JavaDelegate {

    public static final String KEY = "cohort-count";

    @Inject
    ProcessEngine engine;

    @Inject
    ApplicationService applications;

    @Inject
    Catalogue catalogue;

    @Inject
    OptOutRegister optOuts;

    @Inject
    CohortCounts counts;

    void onRequested(@Observes CohortCountRequested event) {
        Actor system = Actor.system("workflow");
        Application app = applications.get(system, event.applicationId());
        // this collection's own criteria only
        Map<String, Object> variables = CohortVariables.of(app, catalogue, event.datasetId());
        variables.putAll(CohortVariables.optOuts(optOuts.snapshot(system), optOuts.version()));
        variables.put("cohortCountId", event.countId());
        engine.getRuntimeService().startProcessInstanceByKey(KEY, app.getReference() + "/count-" + event.countId(),
                variables);
    }

    @Override
    public void execute(DelegateExecution execution) {
        counts.recordResult(Actor.system("broker"), ((Number) execution.getVariable("cohortCountId")).longValue(),
                text(execution, "cohortPatients"), text(execution, "cohortStudies"), text(execution, "cohortSeries"),
                text(execution, "cohortInstances"), text(execution, "cohortBreakdown"));
    }

    private static String text(DelegateExecution execution, String name) {
        Object v = execution.getVariable(name);
        return v == null ? null : v.toString();
    }
}

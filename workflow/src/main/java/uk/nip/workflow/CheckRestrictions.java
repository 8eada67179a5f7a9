package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import uk.nip.governance.catalogue.ApplicationRestrictions;
import uk.nip.governance.catalogue.RestrictionFlag;
import uk.nip.governance.domain.Actor;

/**
 * Keeps the restriction flags of a screened application as process variables. A flagged
 * application still goes to the committee: flags inform people, they refuse nothing.
 */
@ApplicationScoped
@Named("checkRestrictions")
public class CheckRestrictions implements JavaDelegate {

    public static final String FLAG_COUNT = "restrictionFlagCount";
    public static final String FLAGS = "restrictionFlags";

    @Inject
    ApplicationRestrictions restrictions;

    @Override
    public void execute(DelegateExecution execution) {
        List<RestrictionFlag> flags = restrictions.flags(Actor.system("workflow"),
                (Long) execution.getVariable("applicationId"));
        execution.setVariable(FLAG_COUNT, flags.size());
        execution.setVariable(FLAGS, flags.stream().map(f -> f.datasetId() + " " + f.duoCode() + ": " + f.reason())
                .collect(Collectors.joining("\n")));
    }
}

package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.task.Task;
import uk.nip.governance.agreement.AgreementInEffect;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.application.ApplicationSubmitted;
import uk.nip.governance.application.ApplicationWithdrawn;
import uk.nip.governance.application.DecisionRecorded;
import uk.nip.governance.application.ScreeningCompleted;
import uk.nip.governance.catalogue.Catalogue;
import uk.nip.governance.committee.ClarificationAnswered;
import uk.nip.governance.committee.ClarificationRequested;
import uk.nip.governance.committee.ConflictDeclared;
import uk.nip.governance.committee.VoteCast;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.ApplicationState;

/**
 * Moves the access-request process on when governance records something. Observers run inside the
 * governance transaction, so a refused process step rolls back the governance change too.
 */
@ApplicationScoped
public class AccessRequestProcess {

    public static final String KEY = "access-request";
    public static final String SCREENING = "screen-application";
    public static final String REVIEW = "review-and-vote";
    public static final String CHAIR_DECISION = "chair-decision";
    static final String MEMBER_REVIEW_BODY = "member-review#multiInstanceBody";
    public static final String RESUBMITTED = "ApplicationResubmitted";
    public static final String CLARIFICATION_REQUESTED = "ClarificationRequested";
    public static final String CLARIFICATION_ANSWERED = "ClarificationAnswered";
    public static final String WITHDRAWN = "ApplicationWithdrawn";
    /** The message the process waits for between issuing the agreement and provisioning. */
    public static final String AGREEMENT_IN_EFFECT = "AgreementInEffect";

    @Inject
    ProcessEngine engine;

    @Inject
    ApplicationService applications;

    @Inject
    Catalogue catalogue;

    /** A first submission starts the process; a resubmission after screening returned it resumes it. */
    void onSubmitted(@Observes ApplicationSubmitted event) {
        List<Execution> waiting = engine.getRuntimeService().createExecutionQuery()
                .processDefinitionKey(KEY).processInstanceBusinessKey(event.reference())
                .messageEventSubscriptionName(RESUBMITTED).list();
        if (!waiting.isEmpty()) {
            engine.getRuntimeService().createMessageCorrelation(RESUBMITTED)
                    .processInstanceBusinessKey(event.reference()).correlateWithResult();
            return;
        }
        Application app = applications.get(Actor.system("workflow"), event.applicationId());
        Map<String, Object> variables = CohortVariables.of(app, catalogue);
        variables.put(SigningLapse.VARIABLE, SigningLapse.configured());
        engine.getRuntimeService().startProcessInstanceByKey(KEY, event.reference(), variables);
    }

    void onScreened(@Observes ScreeningCompleted event) {
        engine.getTaskService().complete(onlyTask(event.applicationId(), SCREENING, "screening").getId(),
                Map.of("screeningComplete", event.complete()));
    }

    /** The member's task is done; a vote after the task closed (a changed vote) needs no task. */
    void onVote(@Observes VoteCast event) {
        closeReview(event.applicationId(), event.member(), event.quorate());
    }

    /** A conflicted member may not review: their task closes without a vote. */
    void onConflict(@Observes ConflictDeclared event) {
        closeReview(event.applicationId(), event.member(), event.quorate());
    }

    /**
     * Questions asked while the committee is still reviewing, or while the chair is deciding, pause
     * the process; a further question in the same pause finds nothing to interrupt.
     */
    void onClarificationRequested(@Observes ClarificationRequested event) {
        engine.getRuntimeService().createMessageCorrelation(CLARIFICATION_REQUESTED)
                .processInstanceBusinessKey(referenceOf(event.applicationId())).correlateAllWithResult();
    }

    void onClarificationAnswered(@Observes ClarificationAnswered event) {
        engine.getRuntimeService().createMessageCorrelation(CLARIFICATION_ANSWERED)
                .processInstanceBusinessKey(referenceOf(event.applicationId())).correlateAllWithResult();
    }

    /** Withdrawal ends the process wherever it is waiting. */
    void onWithdrawn(@Observes ApplicationWithdrawn event) {
        engine.getRuntimeService().createMessageCorrelation(WITHDRAWN)
                .processInstanceBusinessKey(event.reference()).correlateAllWithResult();
    }

    void onDecision(@Observes DecisionRecorded event) {
        moveToDecisionIfStillInReview(referenceOf(event.applicationId()));
        engine.getTaskService().complete(onlyTask(event.applicationId(), CHAIR_DECISION, "chair decision").getId(),
                Map.of("approved", event.approved()));
    }

    /**
     * Governance has already checked the committee is quorate. If that happened without a review
     * task closing (a quorum lowered mid-review, or a vote changed by a member whose task had
     * closed), the process still waits in review: the chair's decision ends that review.
     */
    void moveToDecisionIfStillInReview(String reference) {
        for (Execution e : engine.getRuntimeService().createExecutionQuery().processDefinitionKey(KEY)
                .processInstanceBusinessKey(reference).activityId(REVIEW).list()) {
            engine.getRuntimeService().createProcessInstanceModification(e.getProcessInstanceId())
                    .cancelAllForActivity(MEMBER_REVIEW_BODY).startBeforeActivity(CHAIR_DECISION)
                    .execute();
            return;
        }
    }

    /**
     * Both parties have signed. Only the first agreement moves the process on (the application is then
     * AGREEMENT_SIGNED); an amendment's new version takes effect without reprovisioning.
     */
    void onAgreementInEffect(@Observes AgreementInEffect event) {
        Application app = applications.get(Actor.system("workflow"), event.applicationId());
        if (app.getState() != ApplicationState.AGREEMENT_SIGNED) {
            return;
        }
        engine.getRuntimeService().createMessageCorrelation(AGREEMENT_IN_EFFECT)
                .processInstanceBusinessKey(app.getReference())
                .setVariable("agreementVersion", event.version())
                .correlateWithResult();
    }

    private void closeReview(long applicationId, String member, boolean quorate) {
        List<Task> mine = engine.getTaskService().createTaskQuery().processDefinitionKey(KEY)
                .processInstanceBusinessKey(referenceOf(applicationId)).taskDefinitionKey(REVIEW)
                .taskAssignee(member).list();
        for (Task task : mine) {
            // quorate lives on the process instance; the review ends once it is true.
            engine.getTaskService().complete(task.getId(), Map.of("quorate", quorate));
        }
    }

    private Task onlyTask(long applicationId, String taskKey, String what) {
        List<Task> tasks = engine.getTaskService().createTaskQuery().processDefinitionKey(KEY)
                .processInstanceBusinessKey(referenceOf(applicationId)).taskDefinitionKey(taskKey).list();
        if (tasks.size() != 1) {
            throw new IllegalStateException("Expected one open " + what + " task for application "
                    + applicationId + " but found " + tasks.size());
        }
        return tasks.get(0);
    }

    private String referenceOf(long applicationId) {
        return applications.get(Actor.system("workflow"), applicationId).getReference();
    }
}

package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Execution;
import org.camunda.bpm.engine.task.Task;
import uk.nip.governance.application.AmendmentDecided;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.application.DecisionRecorded;
import uk.nip.governance.committee.ClarificationAnswered;
import uk.nip.governance.committee.ClarificationRequested;
import uk.nip.governance.committee.ConflictDeclared;
import uk.nip.governance.committee.VoteCast;
import uk.nip.governance.domain.Actor;

/**
 * Moves the committee review (committee-review.bpmn) on when governance records a vote, a conflict,
 * a question, an answer or the chair's decision. The same review serves a first application and
 * its amendments and renewals: an application has at most one review open at a time, found by its
 * reference (the business key every called review carries). Observers run inside the governance
 * transaction, so a refused process step rolls back the governance change too.
 */
@ApplicationScoped
public class CommitteeReviewProcess {

    public static final String KEY = "committee-review";
    public static final String REVIEW = "review-and-vote";
    public static final String CHAIR_DECISION = "chair-decision";
    static final String MEMBER_REVIEW_BODY = "member-review#multiInstanceBody";
    public static final String CLARIFICATION_REQUESTED = "ClarificationRequested";
    public static final String CLARIFICATION_ANSWERED = "ClarificationAnswered";

    @Inject
    ProcessEngine engine;

    @Inject
    ApplicationService applications;

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
     * the review; a further question in the same pause finds nothing to interrupt.
     */
    void onClarificationRequested(@Observes ClarificationRequested event) {
        engine.getRuntimeService().createMessageCorrelation(CLARIFICATION_REQUESTED)
                .processInstanceBusinessKey(referenceOf(event.applicationId())).correlateAllWithResult();
    }

    void onClarificationAnswered(@Observes ClarificationAnswered event) {
        engine.getRuntimeService().createMessageCorrelation(CLARIFICATION_ANSWERED)
                .processInstanceBusinessKey(referenceOf(event.applicationId())).correlateAllWithResult();
    }

    void onDecision(@Observes DecisionRecorded event) {
        chairDecided(event.applicationId(), event.approved());
    }

    void onAmendmentDecision(@Observes AmendmentDecided event) {
        chairDecided(event.applicationId(), event.approved());
    }

    private void chairDecided(long applicationId, boolean approved) {
        String reference = referenceOf(applicationId);
        moveToDecisionIfStillInReview(reference);
        Task chair = OpenTasks.only(engine, KEY, reference, CHAIR_DECISION, "chair decision");
        engine.getTaskService().complete(chair.getId(), Map.of("approved", approved));
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

    private void closeReview(long applicationId, String member, boolean quorate) {
        List<Task> mine = engine.getTaskService().createTaskQuery().processDefinitionKey(KEY)
                .processInstanceBusinessKey(referenceOf(applicationId)).taskDefinitionKey(REVIEW)
                .taskAssignee(member).list();
        for (Task task : mine) {
            // quorate lives on the review's process instance; the review ends once it is true.
            engine.getTaskService().complete(task.getId(), Map.of("quorate", quorate));
        }
    }

    private String referenceOf(long applicationId) {
        return applications.get(Actor.system("workflow"), applicationId).getReference();
    }
}

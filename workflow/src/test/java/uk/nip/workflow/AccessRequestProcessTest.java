package uk.nip.workflow;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTask;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.application.CohortSex;
import uk.nip.governance.application.RequestedDataset;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.ApplicationState;

/**
 * Every path of the access-request process up to the agreement taking effect, and the thin path
 * beyond it, on a real in-memory engine. Governance is stood in for by delegates that record calls;
 * the steps people take are the task completions and messages the portal's observers perform.
 */
@Deployment(resources = {"bpmn/access-request.bpmn", "bpmn/committee-review.bpmn"})
class AccessRequestProcessTest {

    static final String REF = "NIP-2026-0001";

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder()
            .useProcessEngine(InMemoryEngine.named("access-request")).build();

    final List<String> governanceCalls = new ArrayList<>();
    /** Who the stand-in committee asks to review, as CommitteeService.reviewersToAsk would. */
    List<String> reviewersToAsk = List.of("dacmember", "dacmember2", "dacchair");
    /** The collections the application requests, the primary first. */
    final List<RequestedDataset> requested = new ArrayList<>(List.of(new RequestedDataset("demo-chest-ct", "CT", "CHEST",
            null, null, 40, null, CohortSex.FEMALE)));

    @BeforeEach
    void registerGovernanceStandIns() {
        // Other test classes build engines too: the assertions must use this one.
        org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init(engine.getProcessEngine());
        record("issueAgreement");
        ProvisioningStandIns.register(governanceCalls, requested);
        record("lapseAgreement");
        Mocks.register("grantAccess", (JavaDelegate) e -> {
            governanceCalls.add("grantAccess");
            java.util.Date later = new java.util.Date(System.currentTimeMillis() + 86_400_000L * 400);
            e.setVariables(Map.of("agreementExpiresAt", later, "expiryReminderAt", later, "ethicsExpiresAt", later));
        });
        Mocks.register("checkRestrictions", (JavaDelegate) e -> {
            governanceCalls.add("checkRestrictions");
            e.setVariable(CheckRestrictions.FLAG_COUNT, 1);
            e.setVariable(CheckRestrictions.FLAGS, "demo-chest-ct DUO:0000046: not for commercial use");
        });
        Mocks.register("askCommittee", (JavaDelegate) e -> {
            governanceCalls.add("askCommittee");
            ReviewDeadline d = ReviewDeadline.from(ClockUtil.getCurrentTime().toInstant(), 14);
            e.setVariable("reviewers", new ArrayList<>(reviewersToAsk));
            e.setVariable("reviewDue", d.dueDate());
            e.setVariable("reviewReminderAt", d.reminderDate());
            e.setVariable("quorate", false);
        });
        Mocks.register("remindReviewer",
                (JavaDelegate) e -> governanceCalls.add("remindReviewer " + e.getVariable("reviewer")));
        Mocks.register("reviewOverdue",
                (JavaDelegate) e -> governanceCalls.add("reviewOverdue " + e.getVariable("reviewer")));
    }

    /** The real GrantAccess, over stand-ins that add what they are asked to governanceCalls. */
    private void realGrantAccess() {
        Application app = new Application() {
            @Override public String getReference() { return REF; }
            @Override public String getDatasetId() { return "demo-chest-ct"; }
            @Override public LocalDate getEndDate() { return LocalDate.now().plusYears(1); }
            @Override public LocalDate getEthicsExpiry() { return LocalDate.now().plusYears(2); }
        };
        GrantAccess grant = new GrantAccess();
        grant.applications = new ApplicationService() {
            @Override
            public Application get(Actor actor, long id) {
                return app;
            }

            @Override
            public Application recordProvisionedCollection(Actor actor, long id, String datasetId, long files,
                    long quarantined, String manifestSha256) {
                governanceCalls.add("recordProvisionedCollection " + datasetId + " " + files + " " + quarantined + " "
                        + manifestSha256);
                return app;
            }

            @Override
            public Application activate(Actor actor, long id) {
                governanceCalls.add("activate");
                return app;
            }
        };
        Mocks.register("grantAccess", grant);
    }

    private void record(String name) {
        Mocks.register(name, (JavaDelegate) e -> governanceCalls.add(name));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
        ClockUtil.reset();
    }

    private ProcessInstance submit() {
        // as AccessRequestProcess starts it: the primary collection's cohort at the process's level
        Map<String, Object> v = new HashMap<>(Map.of("applicationId", 1L, "projectId", REF,
                "datasetId", "archive/demo-chest-ct", "cohortModalities", "CT", "cohortBodyParts", "CHEST",
                "cohortAgeMin", "40", "cohortSex", "F"));
        v.put(SigningLapse.VARIABLE, "P30D");
        return runtimeService().startProcessInstanceByKey(AccessRequestProcess.KEY, REF, v);
    }

    /** The committee review the access request has called. */
    private ProcessInstance review(ProcessInstance pi) {
        return calledProcessInstance(pi);
    }

    private void screen(ProcessInstance pi, boolean complete) {
        assertThat(pi).isWaitingAt(AccessRequestProcess.SCREENING);
        complete(task(AccessRequestProcess.SCREENING, pi), withVariables("screeningComplete", complete));
    }

    private Task reviewTaskOf(ProcessInstance pi, String member) {
        return taskQuery().processInstanceBusinessKey(REF).taskDefinitionKey(CommitteeReviewProcess.REVIEW)
                .taskAssignee(member).singleResult();
    }

    /** What the observer does on VoteCast or ConflictDeclared. */
    private void closeReview(ProcessInstance pi, String member, boolean quorate) {
        taskService().complete(reviewTaskOf(pi, member).getId(), Map.of("quorate", quorate));
    }

    private ProcessInstance reviewedToDecision() {
        ProcessInstance pi = submit();
        screen(pi, true);
        closeReview(pi, "dacmember", false);
        closeReview(pi, "dacmember2", true);
        assertThat(review(pi)).isWaitingAt(CommitteeReviewProcess.CHAIR_DECISION);
        return pi;
    }

    private void message(String name) {
        runtimeService().createMessageCorrelation(name).processInstanceBusinessKey(REF).correlateWithResult();
    }

    private void bothPartiesSign() {
        message(AccessRequestProcess.AGREEMENT_IN_EFFECT);
    }

    @Test
    void aSubmittedApplicationWaitsForACustodianToScreenIt() {
        ProcessInstance pi = submit();
        assertThat(pi).isWaitingAt(AccessRequestProcess.SCREENING);
        assertThat(task(pi)).hasCandidateGroup("custodian");
        assertEquals(List.of(), governanceCalls);
    }

    @Test
    void aScreenedApplicationIsCheckedAgainstRestrictionsAndEachSeatedMemberGetsAReviewTask() {
        ProcessInstance pi = submit();
        screen(pi, true);
        assertEquals(List.of("checkRestrictions", "askCommittee"), governanceCalls);
        // A flagged application still goes to the committee, with the flags.
        assertThat(pi).variables().containsEntry(CheckRestrictions.FLAG_COUNT, 1);
        List<Task> review = taskQuery().processInstanceBusinessKey(REF).taskDefinitionKey(CommitteeReviewProcess.REVIEW)
                .orderByTaskAssignee().asc().list();
        assertEquals(List.of("dacchair", "dacmember", "dacmember2"), review.stream().map(Task::getAssignee).toList());
        Date due = (Date) runtimeService().getVariable(review(pi).getId(), "reviewDue");
        review.forEach(t -> assertEquals(due, t.getDueDate()));
    }

    @Test
    void aReturnedApplicationWaitsForResubmissionAndIsScreenedAgain() {
        ProcessInstance pi = submit();
        screen(pi, false);
        assertThat(pi).isWaitingAt("applicant-resubmits");
        assertEquals(0, taskQuery().processInstanceBusinessKey(REF).count());
        message(AccessRequestProcess.RESUBMITTED);
        screen(pi, true);
        assertThat(pi).isWaitingAt("committee-review").hasPassed("applicant-resubmits", "check-restrictions");
        assertThat(review(pi)).isWaitingAt("member-review");
    }

    @Test
    void theReviewEndsWhenTheCommitteeIsQuorateAndTheChairDecides() {
        ProcessInstance pi = submit();
        screen(pi, true);
        closeReview(pi, "dacmember", false);
        assertThat(review(pi)).isWaitingAt("member-review");
        closeReview(pi, "dacmember2", true);
        // The chair's own review task is no longer needed once the committee is quorate.
        assertEquals(0, taskQuery().processInstanceBusinessKey(REF).taskDefinitionKey(CommitteeReviewProcess.REVIEW).count());
        assertThat(review(pi)).isWaitingAt(CommitteeReviewProcess.CHAIR_DECISION);
        assertThat(task(review(pi))).hasCandidateGroup("dac-chair");
    }

    @Test
    void aDeclaredConflictClosesThatMembersTaskWithoutEndingTheReview() {
        ProcessInstance pi = submit();
        screen(pi, true);
        closeReview(pi, "dacmember2", false);
        assertEquals(2, taskQuery().processInstanceBusinessKey(REF).taskDefinitionKey(CommitteeReviewProcess.REVIEW).count());
        assertThat(review(pi)).isWaitingAt("member-review");
    }

    @Test
    void whenNobodyIsLeftToAskTheReviewGoesStraightToTheChair() {
        reviewersToAsk = List.of();
        ProcessInstance pi = submit();
        screen(pi, true);
        assertThat(review(pi)).isWaitingAt(CommitteeReviewProcess.CHAIR_DECISION);
    }

    @Test
    void anApprovalIssuesTheAgreementAndNothingMovesUntilBothPartiesSign() {
        ProcessInstance pi = reviewedToDecision();
        complete(task(review(pi)), withVariables("approved", true));
        // The signatures race the signing period at the event-based gateway.
        assertThat(pi).isWaitingAt("signing-gateway");
        assertEquals(1, runtimeService().createEventSubscriptionQuery().processInstanceId(pi.getId())
                .eventName(AccessRequestProcess.AGREEMENT_IN_EFFECT).count());
        assertEquals(1, managementService().createJobQuery().processInstanceId(pi.getId()).timers().count());
        assertEquals(List.of("checkRestrictions", "askCommittee", "issueAgreement"), governanceCalls);
    }

    @Test
    void anAgreementInEffectHandsProvisioningToTheBrokerAndActivatesWhenItReports() {
        ProcessInstance pi = reviewedToDecision();
        complete(task(review(pi)), withVariables("approved", true));
        bothPartiesSign();
        assertThat(pi).isWaitingAt("provision-dataset");
        assertThat(pi).isNotWaitingAt("signing-period-over");
        assertThat(externalTask(pi)).hasTopicName("provision-dataset");

        complete(externalTask(pi), withVariables("filesWritten", 24L, "manifestSha256", "a".repeat(64)));
        // recorded by a job of its own, so the broker's completion stands whatever recording meets
        assertThat(pi).isWaitingAt("provision-dataset");
        assertEquals(1, InMemoryEngine.recordBrokerCompletion(managementService(), pi.getId(), "provision-dataset"));
        assertThat(pi).hasPassedInOrder("screen-application", "check-restrictions", "committee-review",
                "issue-agreement", "agreement-signed", "start-provisioning", "collection-cohort", "provision-dataset",
                "record-collection", "grant-access").isWaitingAt("wait-for-dates");
        assertEquals(List.of("checkRestrictions", "askCommittee", "issueAgreement", "startProvisioning",
                "recordProvisionedCollection demo-chest-ct 24 0 " + "a".repeat(64), "grantAccess"), governanceCalls);
    }

    /**
     * Recording what the broker released can fail (a database outage, a value too long): the
     * broker's completion still stands, the engine retries the recording and then raises an
     * incident, and the broker is not sent to provision the collection again.
     */
    @Test
    void aFailureToRecordTheBrokersResultIsAnIncidentNotAnotherProvisioning() {
        Mocks.register("recordProvisionedCollection", (JavaDelegate) e -> {
            throw new IllegalStateException("governance database unavailable");
        });
        ProcessInstance pi = reviewedToDecision();
        complete(task(review(pi)), withVariables("approved", true));
        bothPartiesSign();
        var broker = engine.getProcessEngine().getExternalTaskService();
        var t = broker.fetchAndLock(1, "broker").topic("provision-dataset", 60_000).execute().get(0);
        broker.complete(t.getId(), "broker", Map.of("filesWritten", 24L, "manifestSha256", "m1"));

        for (int attempt = 0; attempt < 3; attempt++) {
            Job recording = managementService().createJobQuery().processInstanceId(pi.getId())
                    .activityId("provision-dataset").singleResult();
            assertThrows(RuntimeException.class, () -> managementService().executeJob(recording.getId()));
        }
        var incident = runtimeService().createIncidentQuery().processInstanceId(pi.getId()).singleResult();
        assertEquals(org.camunda.bpm.engine.runtime.Incident.FAILED_JOB_HANDLER_TYPE, incident.getIncidentType());
        assertTrue(incident.getIncidentMessage().contains("governance database unavailable"), incident.getIncidentMessage());
        assertEquals(0, broker.fetchAndLock(1, "broker").topic("provision-dataset", 60_000).execute().size(),
                "the broker is not asked to provision the collection again");
        assertTrue(governanceCalls.stream().noneMatch(c -> c.equals("grantAccess")));
    }

    @Test
    void everyRequestedCollectionIsProvisionedWithItsOwnCohortBeforeAccessBegins() {
        requested.add(RequestedDataset.whole("demo-brain-mr"));
        realGrantAccess();
        ProcessInstance pi = reviewedToDecision();
        complete(task(review(pi)), withVariables("approved", true));
        bothPartiesSign();
        var broker = engine.getProcessEngine().getExternalTaskService();
        ProvisioningProgress progress = new ProvisioningProgress();
        progress.engine = engine.getProcessEngine();

        var first = broker.fetchAndLock(10, "broker").topic("provision-dataset", 60_000).execute();
        assertEquals(1, first.size(), "one collection at a time");
        Map<String, Object> v = first.get(0).getVariables();
        assertEquals("archive/demo-chest-ct", v.get("datasetId"));
        assertEquals(List.of("CT", "CHEST", "40", "F"), List.of(v.get("cohortModalities"), v.get("cohortBodyParts"),
                v.get("cohortAgeMin"), v.get("cohortSex")));
        assertEquals(" (demo-chest-ct, 1 of 2: waiting for the broker)", progress.label(REF, ApplicationState.PROVISIONING));
        runtimeService().setVariable(pi.getId(), ProvisioningProgress.VARIABLE, "3/24");
        assertEquals(" (demo-chest-ct, 1 of 2: 3/24 files)", progress.label(REF, ApplicationState.PROVISIONING));
        broker.complete(first.get(0).getId(), "broker", Map.of("filesWritten", 24L, "filesQuarantined", 1L,
                "manifestSha256", "m1", "outputLocation", "/out/demo-chest-ct"));
        InMemoryEngine.recordBrokerCompletion(managementService(), pi.getId(), "provision-dataset");
        assertTrue(governanceCalls.stream().noneMatch(c -> c.equals("activate")), "no access with a collection to go");

        var second = broker.fetchAndLock(10, "broker").topic("provision-dataset", 60_000).execute();
        assertEquals(1, second.size());
        v = second.get(0).getVariables();
        assertEquals("archive/demo-brain-mr", v.get("datasetId"));
        // the first collection's criteria, set for the whole process, do not narrow this one
        for (String criterion : CohortVariables.CRITERIA) {
            assertEquals(null, v.get(criterion), criterion);
        }
        assertEquals(" (demo-brain-mr, 2 of 2: waiting for the broker)", progress.label(REF, ApplicationState.PROVISIONING));
        broker.complete(second.get(0).getId(), "broker", Map.of("filesWritten", 6L, "filesQuarantined", 0L,
                "manifestSha256", "m2", "outputLocation", "/out/demo-brain-mr"));
        InMemoryEngine.recordBrokerCompletion(managementService(), pi.getId(), "provision-dataset");

        assertThat(pi).isWaitingAt("wait-for-dates");
        // each collection recorded once, by its own step, then access begins
        assertEquals(List.of("recordProvisionedCollection demo-chest-ct 24 1 m1",
                "recordProvisionedCollection demo-brain-mr 6 0 m2", "activate"),
                governanceCalls.subList(governanceCalls.indexOf("startProvisioning") + 1, governanceCalls.size()));
        // each collection's results stayed with it
        assertEquals(null, runtimeService().getVariable(pi.getId(), "filesWritten"));
        assertEquals(null, runtimeService().getVariable(pi.getId(), ProvisioningProgress.VARIABLE));
    }

    @Test
    @Deployment(resources = "bpmn/access-request-before-adr-15.bpmn")
    void aRequestStartedBeforeEachCollectionWasRecordedHasItsOneCollectionRecordedWhenAccessBegins() {
        realGrantAccess();
        ProcessInstance pi = runtimeService().startProcessInstanceByKey("access-request-before-adr-15", REF,
                Map.of("applicationId", 1L, "datasetId", "archive/demo-chest-ct"));
        complete(externalTask(pi), withVariables("filesWritten", 24L, "filesQuarantined", 2L, "manifestSha256", "m0"));
        assertThat(pi).isEnded();
        assertEquals(List.of("recordProvisionedCollection demo-chest-ct 24 2 m0", "activate"), governanceCalls);
    }

    @Test
    void anAgreementNotSignedInTimeLapsesAndTheProcessEnds() {
        ProcessInstance pi = reviewedToDecision();
        complete(task(review(pi)), withVariables("approved", true));
        Job lapse = job("signing-period-over", pi);
        long days = (lapse.getDuedate().getTime() - ClockUtil.getCurrentTime().getTime()) / 86_400_000L;
        assertTrue(days >= 29 && days <= 30, "signing lapses after P30D, not " + days + " days");
        execute(lapse);
        assertThat(pi).isEnded().hasPassed("agreement-lapsed").hasNotPassed("agreement-signed")
                .hasNotPassed("start-provisioning");
        assertTrue(governanceCalls.contains("lapseAgreement"));
    }

    @Test
    void theSigningPeriodComesFromTheProcessVariable() {
        ProcessInstance pi = submit();
        runtimeService().setVariable(pi.getId(), SigningLapse.VARIABLE, "PT1H");
        screen(pi, true);
        closeReview(pi, "dacmember", false);
        closeReview(pi, "dacmember2", true);
        complete(task(review(pi)), withVariables("approved", true));
        long minutes = (job("signing-period-over", pi).getDuedate().getTime()
                - ClockUtil.getCurrentTime().getTime()) / 60_000L;
        assertTrue(minutes >= 59 && minutes <= 60, "lapses after PT1H, not " + minutes + " minutes");
    }

    @Test
    void aSignatureMessageBeforeApprovalMatchesNothing() {
        submit();
        assertThrows(org.camunda.bpm.engine.MismatchingMessageCorrelationException.class, this::bothPartiesSign);
    }

    @Test
    void aRejectionEndsTheProcessWithoutAnAgreement() {
        ProcessInstance pi = reviewedToDecision();
        complete(task(review(pi)), withVariables("approved", false));
        assertThat(pi).isEnded().hasPassed("application-rejected").hasNotPassed("issue-agreement")
                .hasNotPassed("provision-dataset");
        assertEquals(List.of("checkRestrictions", "askCommittee"), governanceCalls);
    }

    @Test
    void theChairsTaskCannotBeCompletedWithoutADecision() {
        ProcessInstance pi = reviewedToDecision();
        assertThrows(ProcessEngineException.class, () -> complete(task(review(pi))));
    }

    @Test
    void withdrawalAtScreeningEndsTheProcess() {
        ProcessInstance pi = submit();
        message(AccessRequestProcess.WITHDRAWN);
        assertThat(pi).isEnded().hasPassed("application-withdrawn").hasNotPassed("check-restrictions");
        assertEquals(0, taskQuery().count());
    }

    @Test
    void withdrawalWhileReturnedEndsTheProcess() {
        ProcessInstance pi = submit();
        screen(pi, false);
        message(AccessRequestProcess.WITHDRAWN);
        assertThat(pi).isEnded().hasPassed("application-withdrawn");
    }

    @Test
    void withdrawalDuringReviewEndsTheProcessAndEveryReviewTask() {
        ProcessInstance pi = submit();
        screen(pi, true);
        closeReview(pi, "dacmember", false);
        message(AccessRequestProcess.WITHDRAWN);
        assertThat(pi).isEnded().hasPassed("application-withdrawn").hasNotPassed("approved-gateway");
        assertEquals(0, taskQuery().count());
        assertEquals(0, managementService().createJobQuery().count(), "no reminder or escalation timer left behind");
    }

    @Test
    void aQuestionPausesTheReviewUntilTheApplicantAnswersThenOnlyThoseWhoHaveNotVotedAreAsked() {
        ProcessInstance pi = submit();
        screen(pi, true);
        closeReview(pi, "dacmember", false);
        message(CommitteeReviewProcess.CLARIFICATION_REQUESTED);
        assertThat(review(pi)).isWaitingAt("applicant-answers");
        assertEquals(0, taskQuery().processInstanceBusinessKey(REF).count(), "votes wait meanwhile");

        reviewersToAsk = List.of("dacmember2", "dacchair");
        message(CommitteeReviewProcess.CLARIFICATION_ANSWERED);
        assertThat(review(pi)).isWaitingAt("member-review");
        assertEquals(List.of("dacchair", "dacmember2"), taskQuery().processInstanceBusinessKey(REF)
                .taskDefinitionKey(CommitteeReviewProcess.REVIEW).orderByTaskAssignee().asc().list().stream()
                .map(Task::getAssignee).toList());
        closeReview(pi, "dacmember2", true);
        assertThat(review(pi)).isWaitingAt(CommitteeReviewProcess.CHAIR_DECISION);
    }

    @Test
    void aQuestionWhileTheChairDecidesReturnsToTheChairOnceAnswered() {
        ProcessInstance pi = reviewedToDecision();
        message(CommitteeReviewProcess.CLARIFICATION_REQUESTED);
        assertThat(review(pi)).isWaitingAt("applicant-answers");
        reviewersToAsk = List.of();
        message(CommitteeReviewProcess.CLARIFICATION_ANSWERED);
        assertThat(review(pi)).isWaitingAt(CommitteeReviewProcess.CHAIR_DECISION);
    }

    @Test
    void aReviewerIsRemindedBeforeTheDueDateAndTheChairIsToldWhenItPasses() {
        ProcessInstance pi = submit();
        screen(pi, true);
        closeReview(pi, "dacmember", false);
        closeReview(pi, "dacchair", false);
        Date due = (Date) runtimeService().getVariable(review(pi).getId(), "reviewDue");

        // Two days before the due date the reminder falls due; the escalation not yet.
        ClockUtil.setCurrentTime(Date.from(due.toInstant().minusSeconds(2 * 86_400L - 60)));
        assertEquals(1, dueJobs().size());
        dueJobs().forEach(j -> managementService().executeJob(j.getId()));
        assertEquals(List.of("remindReviewer dacmember2"), governanceCalls.subList(2, governanceCalls.size()));
        assertThat(reviewTaskOf(pi, "dacmember2")).isNotNull();

        ClockUtil.setCurrentTime(Date.from(due.toInstant().plusSeconds(60)));
        assertEquals(1, dueJobs().size());
        dueJobs().forEach(j -> managementService().executeJob(j.getId()));
        assertEquals(List.of("remindReviewer dacmember2", "reviewOverdue dacmember2"),
                governanceCalls.subList(2, governanceCalls.size()));
        // Neither timer interrupts the review: the late member can still vote.
        assertThat(reviewTaskOf(pi, "dacmember2")).isNotNull();
        closeReview(pi, "dacmember2", true);
        assertThat(review(pi)).isWaitingAt(CommitteeReviewProcess.CHAIR_DECISION);
    }

    @Test
    void aDecisionTakenWhileTheReviewIsStillOpenEndsTheReviewAndReachesTheChair() {
        ProcessInstance pi = submit();
        screen(pi, true);
        closeReview(pi, "dacmember", false);
        CommitteeReviewProcess observers = new CommitteeReviewProcess();
        observers.engine = engine.getProcessEngine();
        observers.moveToDecisionIfStillInReview(REF);
        assertThat(review(pi)).isWaitingAt(CommitteeReviewProcess.CHAIR_DECISION);
        assertEquals(0, taskQuery().taskDefinitionKey(CommitteeReviewProcess.REVIEW).count());
        assertEquals(0, managementService().createJobQuery().count(), "the review timers went with the review");
        // Already at the chair's task: nothing changes.
        observers.moveToDecisionIfStillInReview(REF);
        complete(task(review(pi)), withVariables("approved", false));
        assertThat(pi).isEnded().hasPassed("application-rejected");
    }

    private List<Job> dueJobs() {
        return managementService().createJobQuery().executable().list();
    }

    @Test
    void aReviewDeadlineRemindsTwoDaysBeforeOrHalfWayThroughAShortReview() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        ReviewDeadline fortnight = ReviewDeadline.from(start, 14);
        assertEquals(Instant.parse("2026-01-15T00:00:00Z"), fortnight.due());
        assertEquals(Instant.parse("2026-01-13T00:00:00Z"), fortnight.reminder());
        ReviewDeadline oneDay = ReviewDeadline.from(start, 1);
        assertEquals(Instant.parse("2026-01-01T12:00:00Z"), oneDay.reminder());
        assertThrows(IllegalArgumentException.class, () -> ReviewDeadline.from(start, 0));
    }

    @Test
    void theSigningPeriodMustBeAPositiveIsoDuration() {
        assertEquals("P30D", SigningLapse.check("P30D"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SigningLapse.check("30 days"));
        assertTrue(e.getMessage().contains(SigningLapse.PROPERTY), e.getMessage());
        assertThrows(IllegalStateException.class, () -> SigningLapse.check("PT0S"));
    }
}

package uk.nip.workflow;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.calledProcessInstance;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.ApplicationState;

/**
 * Amendments and renewals: the same committee review as an application (a called committee-review
 * in a new round), then the next agreement version, signed in time or lapsed, and an end when access
 * is revoked or expires meanwhile.
 */
@Deployment(resources = {"bpmn/amendment.bpmn", "bpmn/committee-review.bpmn", "bpmn/access-request.bpmn"})
class AmendmentProcessTest {

    static final String REF = "NIP-2026-0007";

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder()
            .useProcessEngine(InMemoryEngine.named("amendment")).build();

    final List<String> calls = new ArrayList<>();
    String kind = "RENEWAL";
    List<String> reviewersToAsk = List.of("dacmember", "dacmember2", "dacchair");
    final Instant renewedEnd = Instant.now().plus(730, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);

    @BeforeEach
    void registerGovernanceStandIns() {
        org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init(engine.getProcessEngine());
        Mocks.register("askCommittee", (JavaDelegate) e -> {
            calls.add("askCommittee");
            ReviewDeadline d = ReviewDeadline.from(ClockUtil.getCurrentTime().toInstant(), 14);
            e.setVariable("reviewers", new ArrayList<>(reviewersToAsk));
            e.setVariable("reviewDue", d.dueDate());
            e.setVariable("reviewReminderAt", d.reminderDate());
            e.setVariable("quorate", false);
        });
        Mocks.register("issueAmendedAgreement", (JavaDelegate) e -> {
            calls.add("issueAmendedAgreement " + e.getVariable(AmendmentProcess.SUMMARY));
            e.setVariable(AmendmentProcess.AGREEMENT_VERSION, 2);
        });
        Mocks.register("putAmendmentInEffect", (JavaDelegate) e -> calls.add("putAmendmentInEffect "
                + e.getVariable(AmendmentProcess.AMENDMENT_ID) + " v" + e.getVariable(AmendmentProcess.AGREEMENT_VERSION)));
        Mocks.register("lapseAmendedAgreement",
                (JavaDelegate) e -> calls.add("lapseAmendedAgreement " + e.getVariable(SigningLapse.VARIABLE)));
        Mocks.register("startAddedDataProvisioning", (JavaDelegate) e -> {
            calls.add("startAddedDataProvisioning");
            e.setVariable(StartAddedDataProvisioning.ADDED_DATASETS, new ArrayList<>(List.of("demo-brain-mr", "demo-knee-mr")));
            e.setVariable("projectId", REF);
        });
        Mocks.register("archiveLocation", new Locations());
        // The real delegate, recording what it would hand to the application service.
        RecordAddedDataset recordAdded = new RecordAddedDataset();
        recordAdded.applications = new ApplicationService() {
            @Override
            public Application recordAddedDataset(Actor actor, long id, String datasetId, long filesProvisioned,
                    long filesQuarantined, String manifestSha256) {
                calls.add("recordAddedDataset " + datasetId + " " + filesProvisioned + " " + manifestSha256);
                return null;
            }
        };
        Mocks.register("recordAddedDataset", recordAdded);
        record("remindReviewer");
        record("reviewOverdue");
        // The real delegate: it only talks to the engine.
        Mocks.register("moveAccessPeriod", new MoveAccessPeriod());
        Mocks.register("checkEndDate", (JavaDelegate) e -> {
            calls.add("checkEndDate");
            e.setVariable("accessPeriodOver", false);
            e.setVariable("agreementExpiresAt", Date.from(renewedEnd));
            e.setVariable("expiryReminderAt", Date.from(renewedEnd.minus(30, ChronoUnit.DAYS)));
        });
    }

    /** The catalogue's archive locations, as ArchiveLocation gives them. */
    public static final class Locations {
        public String of(String datasetId) {
            return "archive/" + datasetId;
        }
    }

    private void record(String name) {
        Mocks.register(name, (JavaDelegate) e -> calls.add(name));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
        ClockUtil.reset();
    }

    /** What AmendmentProcess.onRequested starts. */
    private ProcessInstance requested() {
        Map<String, Object> v = new HashMap<>();
        v.put("applicationId", 7L);
        v.put(AmendmentProcess.AMENDMENT_ID, 3L);
        v.put(AmendmentProcess.KIND, kind);
        v.put(AmendmentProcess.SUMMARY, "end date 2028-03-31");
        v.put(SigningLapse.VARIABLE, "P30D");
        return runtimeService().startProcessInstanceByKey(AmendmentProcess.KEY, REF, v);
    }

    private ProcessInstance review(ProcessInstance pi) {
        return calledProcessInstance(pi);
    }

    private List<String> reviewers() {
        return taskQuery().processInstanceBusinessKey(REF).taskDefinitionKey(CommitteeReviewProcess.REVIEW)
                .orderByTaskAssignee().asc().list().stream().map(Task::getAssignee).toList();
    }

    private void vote(String member, boolean quorate) {
        Task t = taskQuery().processInstanceBusinessKey(REF).taskDefinitionKey(CommitteeReviewProcess.REVIEW)
                .taskAssignee(member).singleResult();
        taskService().complete(t.getId(), Map.of("quorate", quorate));
    }

    private ProcessInstance chairDecides(boolean approved) {
        ProcessInstance pi = requested();
        vote("dacmember", false);
        vote("dacmember2", true);
        assertThat(review(pi)).isWaitingAt(CommitteeReviewProcess.CHAIR_DECISION);
        complete(task(review(pi)), withVariables("approved", approved));
        return pi;
    }

    private void message(String name) {
        runtimeService().createMessageCorrelation(name).processInstanceBusinessKey(REF).correlateWithResult();
    }

    @Test
    void anAmendmentGoesToEverySeatedMemberAsTheApplicationDid() {
        ProcessInstance pi = requested();
        assertThat(pi).isWaitingAt("amendment-review");
        assertThat(review(pi)).isWaitingAt("member-review");
        assertEquals(List.of("dacchair", "dacmember", "dacmember2"), reviewers());
        assertEquals(7L, runtimeService().getVariable(review(pi).getId(), "applicationId"));
        assertEquals("RENEWAL", runtimeService().getVariable(review(pi).getId(), AmendmentProcess.KIND),
                "the task list names the review as an amendment's");
        assertEquals(REF, review(pi).getBusinessKey());
        assertEquals(List.of("askCommittee"), calls);
    }

    @Test
    void anApprovedAmendmentIssuesTheNextVersionAndTakesEffectWhenBothSign() {
        ProcessInstance pi = chairDecides(true);
        assertThat(pi).isWaitingAt("amended-signing-gateway");
        assertEquals(List.of("askCommittee", "issueAmendedAgreement end date 2028-03-31"), calls);
        message(AmendmentProcess.AMENDED_AGREEMENT_IN_EFFECT);
        assertEquals("putAmendmentInEffect 3 v2", calls.get(calls.size() - 1));
        assertThat(pi).isEnded().hasPassedInOrder("amendment-review", "issue-amended-agreement",
                "amended-agreement-signed", "put-amendment-in-effect", "move-access-period", "amendment-in-effect")
                .hasNotPassed("lapse-amended-agreement", "start-added-data-provisioning");
        assertEquals(false, historyService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName(MoveAccessPeriod.MOVED).singleResult().getValue(), "no access request was running");
        assertEquals(0, managementService().createJobQuery().count(), "the signing period's timer went with it");
    }

    @Test
    void aSignedRenewalSetsTheAccessRequestsReminderAndEndDateAgain() {
        Instant end = Instant.now().plus(365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
        ProcessInstance access = runtimeService().createProcessInstanceByKey(AccessRequestProcess.KEY).businessKey(REF)
                .setVariables(Map.of("applicationId", 7L, "agreementExpiresAt", Date.from(end),
                        "expiryReminderAt", Date.from(end.minus(30, ChronoUnit.DAYS)),
                        "ethicsExpiresAt", Date.from(end)))
                .startBeforeActivity("access-active").execute();
        assertThat(access).isWaitingAt("wait-for-dates");
        ProcessInstance pi = chairDecides(true);
        message(AmendmentProcess.AMENDED_AGREEMENT_IN_EFFECT);
        assertThat(pi).isEnded().hasPassed("amendment-in-effect");
        assertThat(access).isWaitingAt("wait-for-dates").hasPassed("access-period-changed", "check-end-date");
        assertEquals(Date.from(renewedEnd.minus(30, ChronoUnit.DAYS)), managementService().createJobQuery()
                .processInstanceId(access.getId()).activityId("expiry-approaching").singleResult().getDuedate());
    }

    @Test
    void aRefusedAmendmentEndsWithoutANewAgreement() {
        ProcessInstance pi = chairDecides(false);
        assertThat(pi).isEnded().hasPassed("amendment-refused").hasNotPassed("issue-amended-agreement");
        assertEquals(List.of("askCommittee"), calls);
    }

    @Test
    void aNewVersionNotSignedInTimeLapsesAndTheOldOneStillGoverns() {
        ProcessInstance pi = chairDecides(true);
        Job lapse = job("amended-signing-period-over", pi);
        long days = (lapse.getDuedate().getTime() - ClockUtil.getCurrentTime().getTime()) / 86_400_000L;
        assertTrue(days >= 29 && days <= 30, "the new version lapses after P30D, not " + days + " days");
        execute(lapse);
        assertThat(pi).isEnded().hasPassed("lapse-amended-agreement", "amendment-lapsed")
                .hasNotPassed("amended-agreement-signed", "put-amendment-in-effect");
        assertEquals("lapseAmendedAgreement P30D", calls.get(calls.size() - 1));
        assertTrue(calls.stream().noneMatch(c -> c.startsWith("putAmendmentInEffect")), "an unsigned change changes nothing");
    }

    @Test
    void moreDataIsProvisionedOneCollectionAtATimeOnceTheVersionIsSigned() {
        kind = "MORE_DATA";
        ProcessInstance pi = chairDecides(true);
        var broker = engine.getProcessEngine().getExternalTaskService();
        assertEquals(0, broker.fetchAndLock(10, "broker").topic("provision-dataset", 60_000).execute().size(),
                "nothing to provision before both sign");
        ProvisioningProgress progress = new ProvisioningProgress();
        progress.engine = engine.getProcessEngine();
        assertEquals("", progress.label(REF, ApplicationState.ACTIVE));
        message(AmendmentProcess.AMENDED_AGREEMENT_IN_EFFECT);
        int n = 0;
        for (String dataset : List.of("demo-brain-mr", "demo-knee-mr")) {
            var tasks = broker.fetchAndLock(10, "broker").topic("provision-dataset", 60_000).execute();
            assertEquals(1, tasks.size(), "one collection at a time");
            assertEquals("archive/" + dataset, tasks.get(0).getVariables().get("datasetId"));
            assertEquals(REF, tasks.get(0).getVariables().get("projectId"));
            // the previous collection's last count is not shown as this one's
            assertEquals(" (adding " + dataset + ": waiting for the broker)", progress.label(REF, ApplicationState.ACTIVE));
            runtimeService().setVariable(pi.getId(), ProvisioningProgress.VARIABLE, "3/" + (10 * n + 10));
            assertEquals(" (adding " + dataset + ": 3/" + (10 * n + 10) + " files)",
                    progress.label(REF, ApplicationState.ACTIVE));
            n++;
            broker.complete(tasks.get(0).getId(), "broker", Map.of("filesWritten", 10L * n, "filesQuarantined", 0L,
                    "manifestSha256", "m" + n));
            InMemoryEngine.recordBrokerCompletion(managementService(), pi.getId(), "provision-added-dataset");
        }
        assertThat(pi).isEnded().hasPassedInOrder("put-amendment-in-effect", "move-access-period",
                "start-added-data-provisioning", "amendment-in-effect");
        assertEquals("", progress.label(REF, ApplicationState.ACTIVE), "nothing is being added any more");
        assertEquals(List.of("recordAddedDataset demo-brain-mr 10 m1", "recordAddedDataset demo-knee-mr 20 m2"),
                calls.stream().filter(c -> c.startsWith("recordAddedDataset")).toList());
    }

    @Test
    void onlyTheVersionIssuedForTheAmendmentPutsItInEffect() {
        ProcessInstance pi = chairDecides(true);
        AmendmentProcess amendments = new AmendmentProcess();
        amendments.engine = engine.getProcessEngine();
        // a version the chair issued by hand, or a later amendment's, is signed: this amendment keeps waiting
        amendments.versionSigned(REF, 3);
        assertThat(pi).isWaitingAt("amended-signing-gateway");
        amendments.versionSigned("NIP-2026-0099", 2);
        assertThat(pi).isWaitingAt("amended-signing-gateway");
        amendments.versionSigned(REF, 2);
        assertThat(pi).isEnded().hasPassed("put-amendment-in-effect", "amendment-in-effect");
        assertEquals("putAmendmentInEffect 3 v2", calls.get(calls.size() - 1));
    }

    @Test
    void aQuestionPausesTheAmendmentsReviewUntilAnswered() {
        ProcessInstance pi = requested();
        vote("dacmember", false);
        message(CommitteeReviewProcess.CLARIFICATION_REQUESTED);
        assertThat(review(pi)).isWaitingAt("applicant-answers");
        assertEquals(List.of(), reviewers(), "votes wait meanwhile");
        reviewersToAsk = List.of("dacmember2", "dacchair");
        message(CommitteeReviewProcess.CLARIFICATION_ANSWERED);
        assertEquals(List.of("dacchair", "dacmember2"), reviewers());
        vote("dacchair", true);
        assertThat(review(pi)).isWaitingAt(CommitteeReviewProcess.CHAIR_DECISION);
    }

    @Test
    void revocationDuringTheReviewEndsTheAmendmentAndEveryReviewTask() {
        ProcessInstance pi = requested();
        vote("dacmember", false);
        message(AmendmentProcess.ACCESS_ENDED);
        assertThat(pi).isEnded().hasPassed("amendment-closed").hasNotPassed("amendment-approved");
        assertEquals(0, taskQuery().count());
        assertEquals(0, managementService().createJobQuery().count(), "no reminder or escalation timer left behind");
        assertEquals(0, runtimeService().createProcessInstanceQuery().count(), "the called review ended too");
    }

    @Test
    void expiryWhileTheNewVersionAwaitsSignaturesEndsTheAmendment() {
        ProcessInstance pi = chairDecides(true);
        message(AmendmentProcess.ACCESS_ENDED);
        assertThat(pi).isEnded().hasPassed("amendment-closed").hasNotPassed("amended-agreement-signed",
                "lapse-amended-agreement");
        assertEquals(0, managementService().createJobQuery().count());
    }

    @Test
    void aReviewerOfAnAmendmentIsRemindedAndTheChairToldWhenItIsOverdue() {
        ProcessInstance pi = requested();
        vote("dacmember", false);
        vote("dacchair", false);
        java.util.Date due = (java.util.Date) runtimeService().getVariable(review(pi).getId(), "reviewDue");
        ClockUtil.setCurrentTime(new java.util.Date(due.getTime() + 60_000));
        managementService().createJobQuery().executable().list()
                .forEach(j -> managementService().executeJob(j.getId()));
        assertEquals(List.of("askCommittee", "remindReviewer", "reviewOverdue"), calls.stream().sorted().toList());
        assertEquals(List.of("dacmember2"), reviewers(), "the late member can still vote");
    }
}

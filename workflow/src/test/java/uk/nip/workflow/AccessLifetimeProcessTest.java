package uk.nip.workflow;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTask;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTaskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import uk.nip.governance.application.RequestedDataset;

/**
 * The access-request process from provisioning to the end of access: the access period's timers,
 * expiry, ethics expiry, revocation from every approved state, and a broker task that ran out of retries.
 */
@Deployment(resources = {"bpmn/access-request.bpmn", "bpmn/committee-review.bpmn"})
class AccessLifetimeProcessTest {

    static final String REF = "NIP-2026-0001";

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder()
            .useProcessEngine(InMemoryEngine.named("access-lifetime")).build();

    final List<String> calls = new ArrayList<>();
    final Instant agreementEnds = Instant.now().plus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
    final Instant ethicsEnds = Instant.now().plus(200, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
    final Map<String, Object> recorded = new HashMap<>();
    boolean periodOver = true;
    /** The end date an amendment moved the project to, as CheckEndDate would read it; null when unchanged. */
    Instant movedEnd;
    /** What the ethics check finds, as AgreementService.ethicsApprovalExpired would. */
    uk.nip.governance.agreement.EthicsCheck ethicsFound = uk.nip.governance.agreement.EthicsCheck.SUSPENDED;

    @BeforeEach
    void registerGovernanceStandIns() {
        // Another test class builds an engine too: the assertions must use this one.
        org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init(engine.getProcessEngine());
        // The delegates call governance services; here they record the call and set what the real ones set.
        record("issueAgreement");
        ProvisioningStandIns.register(calls, List.of(RequestedDataset.whole("demo-chest-ct")));
        Mocks.register("grantAccess", (JavaDelegate) e -> {
            calls.add("grantAccess");
            e.setVariable("agreementExpiresAt", Date.from(agreementEnds));
            e.setVariable("expiryReminderAt", Date.from(agreementEnds.minus(30, ChronoUnit.DAYS)));
            e.setVariable("ethicsExpiresAt", Date.from(ethicsEnds));
        });
        Mocks.register("checkEndDate", (JavaDelegate) e -> {
            calls.add("checkEndDate");
            e.setVariable("accessPeriodOver", periodOver);
            if (movedEnd != null) {
                e.setVariable("agreementExpiresAt", Date.from(movedEnd));
                e.setVariable("expiryReminderAt", Date.from(movedEnd.minus(30, ChronoUnit.DAYS)));
            }
        });
        record("remindBeforeExpiry");
        record("annualReviewDue");
        Mocks.register("suspendAccess", (JavaDelegate) e -> {
            calls.add("suspendAccess " + ethicsFound);
            e.setVariable(SuspendAccess.ETHICS_OUTCOME, ethicsFound.name());
        });
        Mocks.register("expireAgreement", (JavaDelegate) e -> {
            calls.add("expireAgreement");
            e.setVariable(AccessLifetime.END_REQUESTED_AT, new Date());
        });
        Mocks.register("withdrawCredentials", (JavaDelegate) e -> {
            calls.add("withdrawCredentials");
            e.setVariable(AccessLifetime.CREDENTIALS_WITHDRAWN_AT, new Date());
        });
        Mocks.register("recordDestruction", (JavaDelegate) e -> {
            calls.add("recordDestruction");
            recorded.put("evidence", RecordDestruction.evidence(e));
            recorded.put("ground", e.getVariable(AccessLifetime.REVOCATION_GROUND));
        });
    }

    private void record(String name) {
        Mocks.register(name, (JavaDelegate) e -> calls.add(name));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    private ProcessInstance approvedAndSigned() {
        // The front of the process (screening to the chair's decision) is AccessRequestProcessTest's; start at approval.
        ProcessInstance pi = runtimeService().createProcessInstanceByKey(AccessRequestProcess.KEY).businessKey(REF)
                .setVariables(Map.of("applicationId", 1L, "projectId", REF, "datasetId", "demo-chest-ct",
                        "approved", true, SigningLapse.VARIABLE, SigningLapse.DEFAULT))
                .startBeforeActivity("issue-agreement").execute();
        runtimeService().createMessageCorrelation(AccessRequestProcess.AGREEMENT_IN_EFFECT)
                .processInstanceBusinessKey(REF).correlateWithResult();
        return pi;
    }

    private ProcessInstance active() {
        ProcessInstance pi = approvedAndSigned();
        complete(externalTask(pi), withVariables("filesWritten", 24L, "manifestSha256", "a".repeat(64)));
        InMemoryEngine.recordBrokerCompletion(managementService(), pi.getId(), "provision-dataset");
        return pi;
    }

    private Job timer(ProcessInstance pi, String activityId) {
        return managementService().createJobQuery().processInstanceId(pi.getId()).activityId(activityId)
                .singleResult();
    }

    private void revoke(String ground) {
        runtimeService().createMessageCorrelation(AccessLifetime.ACCESS_REVOKED).processInstanceBusinessKey(REF)
                .setVariable(AccessLifetime.END_REQUESTED_AT, Date.from(Instant.now().minusMillis(1500)))
                .setVariable(AccessLifetime.REVOCATION_GROUND, ground).correlateWithResult();
    }

    private void brokerDestroys(ProcessInstance pi, long files) {
        assertThat(externalTask(pi)).hasTopicName("destroy-data");
        complete(externalTask(pi), withVariables("filesDestroyed", files, "bytesDestroyed", files * 1000,
                "manifestSha256", "d".repeat(64), "destroyedAt", Instant.now().toString(),
                "destroyedBy", "dicom-broker 0.1.0"));
        // Recording is asynchronous so the broker's completion stands even if recording fails.
        execute(managementService().createJobQuery().processInstanceId(pi.getId()).messages().singleResult());
    }

    /** The reminder 30 days before the end date; the process then waits for the end date itself. */
    private void reminded(ProcessInstance pi) {
        execute(timer(pi, "expiry-approaching"));
        assertThat(pi).isWaitingAt("end-date-reached");
    }

    private void accessPeriodChanged() {
        runtimeService().createMessageCorrelation(AccessRequestProcess.ACCESS_PERIOD_CHANGED)
                .processInstanceBusinessKey(REF).correlateWithResult();
    }

    @Test
    void provisioningEndsInActiveAccessWaitingForItsDates() {
        ProcessInstance pi = active();
        assertThat(pi).isWaitingAt("wait-for-dates").isNotEnded();
        assertEquals(List.of("issueAgreement", "startProvisioning",
                "recordProvisionedCollection demo-chest-ct 24 0 " + "a".repeat(64), "grantAccess"), calls);
        assertEquals(Date.from(agreementEnds.minus(30, ChronoUnit.DAYS)), timer(pi, "expiry-approaching").getDuedate());
        assertEquals(Date.from(ethicsEnds), timer(pi, "ethics-approval-ended").getDuedate());
        Date nextReview = timer(pi, "review-year-passed").getDuedate();
        assertTrue(nextReview.toInstant().isAfter(Instant.now().plus(360, ChronoUnit.DAYS)), "a year from now");
        reminded(pi);
        assertEquals(Date.from(agreementEnds), timer(pi, "end-date-reached").getDuedate());
    }

    @Test
    void aRenewalBeforeTheReminderMovesTheReminderAndTheEndDate() {
        ProcessInstance pi = active();
        periodOver = false;
        movedEnd = agreementEnds.plus(365, ChronoUnit.DAYS);
        accessPeriodChanged();
        assertThat(pi).isWaitingAt("wait-for-dates").hasPassed("access-period-changed", "check-end-date")
                .hasNotPassed("remind-before-expiry");
        assertEquals(Date.from(movedEnd.minus(30, ChronoUnit.DAYS)), timer(pi, "expiry-approaching").getDuedate());
        reminded(pi);
        assertEquals(Date.from(movedEnd), timer(pi, "end-date-reached").getDuedate());
    }

    @Test
    void aRenewalAfterTheReminderGetsAReminderOfItsOwnBeforeTheNewEndDate() {
        ProcessInstance pi = active();
        reminded(pi);
        // While the process waits for the end date, nothing listens for a new one: the check at the old end date finds it.
        assertEquals(0, runtimeService().createEventSubscriptionQuery().processInstanceId(pi.getId())
                .eventName(AccessRequestProcess.ACCESS_PERIOD_CHANGED).count());
        periodOver = false;
        movedEnd = agreementEnds.plus(365, ChronoUnit.DAYS);
        execute(timer(pi, "end-date-reached"));
        assertThat(pi).isWaitingAt("wait-for-dates").hasNotPassed("expire-agreement");
        assertEquals(Date.from(movedEnd.minus(30, ChronoUnit.DAYS)), timer(pi, "expiry-approaching").getDuedate());
        reminded(pi);
        assertEquals(List.of("remindBeforeExpiry", "checkEndDate", "remindBeforeExpiry"), calls.subList(calls.indexOf("grantAccess") + 1, calls.size()));
    }

    @Test
    void theReminderAndEachAnnualReviewLeaveAccessActive() {
        ProcessInstance pi = active();
        reminded(pi);
        execute(timer(pi, "review-year-passed"));
        assertThat(pi).isWaitingAt("end-date-reached");
        // The review cycle goes on: next year's timer is already there.
        assertNotNull(timer(pi, "review-year-passed"));
        execute(timer(pi, "review-year-passed"));
        assertEquals(List.of("remindBeforeExpiry", "annualReviewDue", "annualReviewDue"),
                calls.subList(calls.indexOf("grantAccess") + 1, calls.size()));
    }

    @Test
    void ethicsExpirySuspendsAndKeepsTheData() {
        ProcessInstance pi = active();
        execute(timer(pi, "ethics-approval-ended"));
        assertThat(pi).hasPassed("suspend-access").isWaitingAt("wait-for-dates", "ethics-approval-renewed");
        assertEquals("suspendAccess SUSPENDED", calls.get(calls.size() - 1));
        assertEquals(0, externalTaskService().createExternalTaskQuery().topicName("destroy-data").count());
    }

    /** What AccessLifetime does when a custodian records a renewed approval. */
    private void ethicsRenewed(ProcessInstance pi, Instant newExpiry) {
        runtimeService().setVariable(pi.getId(), "ethicsExpiresAt", Date.from(newExpiry));
        runtimeService().createMessageCorrelation(AccessLifetime.ETHICS_APPROVAL_RENEWED).processInstanceId(pi.getId())
                .correlateAllWithResult();
    }

    @Test
    void aRenewedApprovalIsWatchedUntilItEndsInTurn() {
        ProcessInstance pi = active();
        execute(timer(pi, "ethics-approval-ended"));
        Instant renewedUntil = ethicsEnds.plus(365, ChronoUnit.DAYS);
        ethicsRenewed(pi, renewedUntil);
        assertThat(pi).hasPassed("ethics-approval-renewed").isWaitingAt("wait-for-dates", "renewed-approval-ended");
        assertEquals(Date.from(renewedUntil), timer(pi, "renewed-approval-ended").getDuedate());

        // renewed again before that date: the check finds it still valid and watches the newer date
        ethicsFound = uk.nip.governance.agreement.EthicsCheck.STILL_VALID;
        runtimeService().setVariable(pi.getId(), "ethicsExpiresAt", Date.from(renewedUntil.plus(365, ChronoUnit.DAYS)));
        execute(timer(pi, "renewed-approval-ended"));
        assertEquals(Date.from(renewedUntil.plus(365, ChronoUnit.DAYS)), timer(pi, "renewed-approval-ended").getDuedate());
        assertEquals(List.of("suspendAccess SUSPENDED", "suspendAccess STILL_VALID"),
                calls.stream().filter(c -> c.startsWith("suspendAccess")).toList());

        // the end date comes first: access expires, the data is destroyed, and the watch ends with the process
        reminded(pi);
        execute(timer(pi, "end-date-reached"));
        brokerDestroys(pi, 24);
        assertThat(pi).isEnded().hasPassed("access-closed");
        assertEquals(0, managementService().createJobQuery().count(), "no ethics timer left behind");
    }

    @Test
    void anApprovalRenewedBeforeItsDateKeepsAccessActive() {
        ProcessInstance pi = active();
        ethicsFound = uk.nip.governance.agreement.EthicsCheck.STILL_VALID;
        execute(timer(pi, "ethics-approval-ended"));
        assertThat(pi).isWaitingAt("wait-for-dates", "renewed-approval-ended").hasNotPassed("ethics-approval-renewed");
    }

    @Test
    void theEthicsDateAfterAccessEndedChangesNothing() {
        ProcessInstance pi = active();
        ethicsFound = uk.nip.governance.agreement.EthicsCheck.ACCESS_OVER;
        execute(timer(pi, "ethics-approval-ended"));
        assertThat(pi).hasPassed("ethics-watch-over").isWaitingAt("wait-for-dates");
    }

    @Test
    void theEndDateExpiresTheAgreementThenDestroysAndRecords() {
        ProcessInstance pi = active();
        reminded(pi);
        execute(timer(pi, "end-date-reached"));
        assertThat(pi).isWaitingAt("destroy-expired-data");
        brokerDestroys(pi, 24);
        assertThat(pi).isEnded().hasPassedInOrder("expire-agreement", "destroy-expired-data",
                "record-expired-destruction", "access-closed");
        assertEquals(List.of("remindBeforeExpiry", "checkEndDate", "expireAgreement", "recordDestruction"),
                calls.subList(calls.indexOf("grantAccess") + 1, calls.size()));
        assertNull(recorded.get("ground"));
        var evidence = (uk.nip.governance.teardown.DestructionEvidence) recorded.get("evidence");
        assertEquals(24, evidence.filesDestroyed());
        assertNull(evidence.credentialsWithdrawnAt());
    }

    @Test
    void revocationWhileTheAgreementAwaitsSignaturesEndsTheSigningPeriodAndCloses() {
        ProcessInstance pi = runtimeService().createProcessInstanceByKey(AccessRequestProcess.KEY).businessKey(REF)
                .setVariables(Map.of("applicationId", 1L, "projectId", REF, "datasetId", "demo-chest-ct",
                        "approved", true, SigningLapse.VARIABLE, SigningLapse.DEFAULT))
                .startBeforeActivity("issue-agreement").execute();
        assertThat(pi).isWaitingAt("signing-gateway");
        revoke("BREACH");
        // Neither the signatures nor the signing period are waited for any longer.
        assertNull(timer(pi, "signing-period-over"));
        assertEquals(0, runtimeService().createEventSubscriptionQuery().processInstanceId(pi.getId())
                .eventName(AccessRequestProcess.AGREEMENT_IN_EFFECT).count());
        assertThat(pi).isWaitingAt("destroy-revoked-data");
        brokerDestroys(pi, 0);
        assertThat(pi).isEnded().hasPassedInOrder("issue-agreement", "access-revoked", "withdraw-credentials",
                "destroy-revoked-data", "record-revoked-destruction", "revoked-closed")
                .hasNotPassed("start-provisioning", "lapse-agreement");
        assertEquals(List.of("issueAgreement", "withdrawCredentials", "recordDestruction"), calls);
        assertEquals("BREACH", recorded.get("ground"));
    }

    @Test
    void revocationAfterSigningDestroysAndCloses() {
        ProcessInstance pi = approvedAndSigned();
        assertThat(pi).isWaitingAt("provision-dataset");
        revoke("BREACH");
        assertThat(pi).isWaitingAt("destroy-revoked-data");
        brokerDestroys(pi, 0);
        assertThat(pi).isEnded().hasPassedInOrder("access-revoked", "withdraw-credentials", "destroy-revoked-data",
                "record-revoked-destruction", "revoked-closed").hasNotPassed("grant-access");
        assertEquals("BREACH", recorded.get("ground"));
        var evidence = (uk.nip.governance.teardown.DestructionEvidence) recorded.get("evidence");
        assertNotNull(evidence.credentialsWithdrawnAt());
        assertTrue(evidence.requestedAt().isBefore(evidence.destroyedAt()));
    }

    @Test
    void revocationMidProvisioningRefusesTheBrokersLateCompletion() {
        ProcessInstance pi = approvedAndSigned();
        // The broker has fetched and locked the task and is working on it.
        List<LockedExternalTask> locked = externalTaskService().fetchAndLock(1, "dicom-broker")
                .topic("provision-dataset", 60_000).execute();
        assertEquals(1, locked.size());
        runtimeService().setVariable(pi.getId(), "provisioningProgress", "10/40");
        revoke("REIDENTIFICATION_RISK");
        // Its late completion is refused and changes nothing.
        assertThrows(org.camunda.bpm.engine.exception.NotFoundException.class, () -> externalTaskService()
                .complete(locked.get(0).getId(), "dicom-broker", Map.of("filesWritten", 40L)));
        assertThat(pi).isWaitingAt("destroy-revoked-data").hasNotPassed("grant-access");
        brokerDestroys(pi, 10);
        assertThat(pi).isEnded().hasPassed("revoked-closed");
        assertEquals(List.of("issueAgreement", "startProvisioning", "withdrawCredentials", "recordDestruction"), calls);
    }

    @Test
    void revocationWhileActiveStopsTheTimers() {
        ProcessInstance pi = active();
        revoke("PUBLIC_INTEREST");
        assertEquals(0, managementService().createJobQuery().processInstanceId(pi.getId()).timers().count());
        brokerDestroys(pi, 24);
        assertThat(pi).isEnded().hasPassed("revoked-closed").hasNotPassed("expire-agreement");
    }

    @Test
    void revocationWhileSuspended() {
        ProcessInstance pi = active();
        execute(timer(pi, "ethics-approval-ended"));
        revoke("ETHICS_APPROVAL_ENDED");
        brokerDestroys(pi, 24);
        assertThat(pi).isEnded().hasPassed("suspend-access", "revoked-closed");
        assertEquals("ETHICS_APPROVAL_ENDED", recorded.get("ground"));
    }

    @Test
    void revocationOfAccessWhoseProcessAlreadyEndedStartsAtTheRevocationSteps() {
        ProcessInstance pi = runtimeService().createProcessInstanceByKey(AccessRequestProcess.KEY).businessKey(REF)
                .setVariables(Map.of("applicationId", 1L, "projectId", REF,
                        AccessLifetime.END_REQUESTED_AT, new Date(), AccessLifetime.REVOCATION_GROUND, "BREACH"))
                .startBeforeActivity(AccessLifetime.REVOCATION_FIRST_STEP).execute();
        assertThat(pi).isWaitingAt("destroy-revoked-data");
        brokerDestroys(pi, 3);
        assertThat(pi).isEnded().hasPassed("revoked-closed");
    }

    @Test
    void revocationWhileProvisioningIsAnIncidentClearsTheIncidentAndDestroys() {
        ProcessInstance pi = approvedAndSigned();
        LockedExternalTask t = externalTaskService().fetchAndLock(1, "dicom-broker")
                .topic("provision-dataset", 60_000).execute().get(0);
        externalTaskService().handleFailure(t.getId(), "dicom-broker", "archive unreachable", "details", 0, 0);
        assertEquals(1, runtimeService().createIncidentQuery().processInstanceId(pi.getId()).count());
        revoke("BREACH");
        // The custodian has nothing left to retry: the failed provisioning went with the revocation.
        assertEquals(0, runtimeService().createIncidentQuery().processInstanceId(pi.getId()).count());
        assertThat(pi).isWaitingAt("destroy-revoked-data");
        brokerDestroys(pi, 5);
        assertThat(pi).isEnded().hasPassed("revoked-closed").hasNotPassed("grant-access");
    }

    @Test
    void aBrokerTaskOutOfRetriesBecomesAnIncidentAndRunsAgainWhenRetried() {
        ProcessInstance pi = approvedAndSigned();
        // As the broker reports its last failure (TaskFailures: retries 3, 2, 1, then 0).
        LockedExternalTask t = externalTaskService().fetchAndLock(1, "dicom-broker")
                .topic("provision-dataset", 60_000).execute().get(0);
        externalTaskService().handleFailure(t.getId(), "dicom-broker", "archive unreachable", "details", 0, 0);
        Incident incident = runtimeService().createIncidentQuery().processInstanceId(pi.getId()).singleResult();
        assertEquals(Incident.EXTERNAL_TASK_HANDLER_TYPE, incident.getIncidentType());
        assertEquals("provision-dataset", incident.getActivityId());
        assertEquals("archive unreachable", incident.getIncidentMessage());
        assertEquals(0, externalTaskService().fetchAndLock(1, "dicom-broker").topic("provision-dataset", 60_000)
                .execute().size());

        // What the custodian's retry does.
        externalTaskService().setRetries(incident.getConfiguration(), 1);
        assertEquals(0, runtimeService().createIncidentQuery().count());
        LockedExternalTask again = externalTaskService().fetchAndLock(1, "dicom-broker")
                .topic("provision-dataset", 60_000).execute().get(0);
        externalTaskService().complete(again.getId(), "dicom-broker",
                Map.of("filesWritten", 24L, "manifestSha256", "a".repeat(64)));
        InMemoryEngine.recordBrokerCompletion(managementService(), pi.getId(), "provision-dataset");
        assertThat(pi).isWaitingAt("wait-for-dates");
    }
}

package uk.nip.workflow;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.externalTask;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every path of the walking-skeleton access-request process, on a real in-memory engine. */
@Deployment(resources = "bpmn/access-request.bpmn")
class AccessRequestProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder().useProcessEngine(buildEngine()).build();

    final List<String> governanceCalls = new ArrayList<>();

    static ProcessEngine buildEngine() {
        StandaloneInMemProcessEngineConfiguration cfg = new StandaloneInMemProcessEngineConfiguration();
        cfg.setJdbcUrl("jdbc:h2:mem:access-request;DB_CLOSE_DELAY=-1");
        cfg.setExpressionManager(new MockExpressionManager());
        cfg.setHistory("full");
        cfg.setJobExecutorActivate(false);
        cfg.setEnforceHistoryTimeToLive(true);
        return cfg.buildProcessEngine();
    }

    @BeforeEach
    void registerGovernanceStandIns() {
        // The delegates call governance services; here they only record that they were called.
        Mocks.register("issueAgreement",
                (org.camunda.bpm.engine.delegate.JavaDelegate) e -> governanceCalls.add("issueAgreement"));
        Mocks.register("startProvisioning",
                (org.camunda.bpm.engine.delegate.JavaDelegate) e -> governanceCalls.add("startProvisioning"));
        Mocks.register("grantAccess", (org.camunda.bpm.engine.delegate.JavaDelegate) e -> {
            assertEquals(24L, ((Number) e.getVariable("filesWritten")).longValue());
            governanceCalls.add("grantAccess");
            java.util.Date later = new java.util.Date(System.currentTimeMillis() + 86_400_000L * 400);
            e.setVariables(Map.of("agreementExpiresAt", later, "expiryReminderAt", later, "ethicsExpiresAt", later));
        });
    }

    @AfterEach
    void reset() {
        Mocks.reset();
    }

    private ProcessInstance submit() {
        return runtimeService().startProcessInstanceByKey(AccessRequestProcess.KEY, "NIP-2026-0001",
                Map.of("applicationId", 1L, "projectId", "NIP-2026-0001", "datasetId", "demo-chest-ct"));
    }

    @Test
    void aSubmittedApplicationWaitsForTheChairAndNothingElse() {
        ProcessInstance pi = submit();
        assertThat(pi).isWaitingAt(AccessRequestProcess.CHAIR_DECISION);
        assertThat(task(pi)).hasCandidateGroup("dac-chair");
        assertEquals(List.of(), governanceCalls);
    }

    private void bothPartiesSign() {
        runtimeService().createMessageCorrelation(AccessRequestProcess.AGREEMENT_IN_EFFECT)
                .processInstanceBusinessKey("NIP-2026-0001").correlateWithResult();
    }

    @Test
    void anApprovalIssuesTheAgreementAndNothingMovesUntilBothPartiesSign() {
        ProcessInstance pi = submit();
        complete(task(pi), withVariables("approved", true));
        assertThat(pi).isWaitingAt("agreement-signed");
        assertEquals(List.of("issueAgreement"), governanceCalls);
    }

    @Test
    void anAgreementInEffectHandsProvisioningToTheBrokerAndActivatesWhenItReports() {
        ProcessInstance pi = submit();
        complete(task(pi), withVariables("approved", true));
        bothPartiesSign();
        assertThat(pi).isWaitingAt("provision-dataset");
        assertThat(externalTask(pi)).hasTopicName("provision-dataset");
        assertEquals(List.of("issueAgreement", "startProvisioning"), governanceCalls);

        complete(externalTask(pi), withVariables("filesWritten", 24L, "manifestSha256", "a".repeat(64)));
        assertThat(pi).hasPassedInOrder("chair-decision", "issue-agreement", "agreement-signed",
                "start-provisioning", "provision-dataset", "grant-access").isWaitingAt("end-date-reached");
        assertEquals(List.of("issueAgreement", "startProvisioning", "grantAccess"), governanceCalls);
    }

    @Test
    void aSignatureMessageBeforeApprovalMatchesNothing() {
        submit();
        assertThrows(org.camunda.bpm.engine.MismatchingMessageCorrelationException.class, this::bothPartiesSign);
    }

    @Test
    void aRejectionEndsTheProcessWithoutProvisioning() {
        ProcessInstance pi = submit();
        complete(task(pi), withVariables("approved", false));
        assertThat(pi).isEnded().hasPassed("application-rejected").hasNotPassed("issue-agreement")
                .hasNotPassed("provision-dataset");
        assertEquals(List.of(), governanceCalls);
    }

    @Test
    void theChairsTaskCannotBeCompletedWithoutADecision() {
        ProcessInstance pi = submit();
        assertThrows(ProcessEngineException.class, () -> complete(task(pi)));
    }
}

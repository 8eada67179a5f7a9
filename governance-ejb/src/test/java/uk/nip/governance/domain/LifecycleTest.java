package uk.nip.governance.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.nip.governance.domain.ApplicationAction.*;
import static uk.nip.governance.domain.ApplicationState.*;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void theThinPathRunsFromDraftToActive() {
        assertEquals(ACTIVE, Lifecycle.replay(List.of(CREATE, SUBMIT, START_SCREENING, SEND_TO_REVIEW, APPROVE,
                ISSUE_AGREEMENT, SIGN_AGREEMENT, START_PROVISIONING, ACTIVATE)));
    }

    @Test
    void anIllegalTransitionNamesTheStateAndTheAction() {
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class,
                () -> Lifecycle.next(DRAFT, APPROVE));
        assertTrue(e.getMessage().contains("DRAFT"), e.getMessage());
        assertTrue(e.getMessage().contains("APPROVE"), e.getMessage());
        assertEquals(DRAFT, e.state());
        assertEquals(APPROVE, e.action());
    }

    @Test
    void nothingReachesApprovedWithoutAnExplicitApproval() {
        for (ApplicationState from : ApplicationState.values()) {
            for (ApplicationAction action : ApplicationAction.values()) {
                if (Lifecycle.target(from, action).orElse(null) == APPROVED) {
                    assertEquals(APPROVE, action, "reached APPROVED from " + from + " by " + action);
                }
            }
        }
    }

    @Test
    void theApplicantCanWithdrawOnlyBeforeADecision() {
        assertTrue(Lifecycle.allows(SUBMITTED, WITHDRAW));
        assertTrue(Lifecycle.allows(UNDER_REVIEW, WITHDRAW));
        assertFalse(Lifecycle.allows(APPROVED, WITHDRAW));
        assertFalse(Lifecycle.allows(REJECTED, WITHDRAW));
        assertFalse(Lifecycle.allows(ACTIVE, WITHDRAW));
    }

    @Test
    void revocationIsPossibleFromEveryApprovedStateButNotAfterClosing() {
        for (ApplicationState s : List.of(APPROVED, AGREEMENT_PENDING, AGREEMENT_SIGNED, PROVISIONING, ACTIVE,
                SUSPENDED)) {
            assertEquals(REVOKED, Lifecycle.next(s, REVOKE), "from " + s);
        }
        assertThrows(IllegalTransitionException.class, () -> Lifecycle.next(CLOSED, REVOKE));
    }

    @Test
    void terminalStatesAcceptNoAction() {
        for (ApplicationState terminal : List.of(REJECTED, WITHDRAWN, CLOSED)) {
            assertTrue(Arrays.stream(ApplicationAction.values()).noneMatch(a -> Lifecycle.allows(terminal, a)),
                    terminal + " should be terminal");
        }
    }

    @Test
    void aRenewedEthicsApprovalIsAStepOfActiveAccessOnly() {
        assertEquals(ACTIVE, Lifecycle.next(ACTIVE, RENEW_ETHICS_APPROVAL));
        // suspended access resumes with the renewal, as a RESUME step
        assertFalse(Lifecycle.allows(SUSPENDED, RENEW_ETHICS_APPROVAL));
        assertFalse(Lifecycle.allows(EXPIRED, RENEW_ETHICS_APPROVAL));
        assertFalse(Lifecycle.allows(REVOKED, RENEW_ETHICS_APPROVAL));
    }

    @Test
    void anUnsignedAgreementLapsesOnlyWhilePending() {
        assertEquals(CLOSED, Lifecycle.next(AGREEMENT_PENDING, LAPSE));
        for (ApplicationState s : ApplicationState.values()) {
            if (s != AGREEMENT_PENDING) {
                assertFalse(Lifecycle.allows(s, LAPSE), "lapse allowed from " + s);
            }
        }
    }

    @Test
    void aHistoryMustStartWithCreation() {
        assertThrows(IllegalArgumentException.class, () -> Lifecycle.replay(List.of(SUBMIT)));
    }
}

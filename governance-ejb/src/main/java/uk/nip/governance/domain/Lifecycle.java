package uk.nip.governance.domain;

import static uk.nip.governance.domain.ApplicationAction.*;
import static uk.nip.governance.domain.ApplicationState.*;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The application lifecycle as a pure transition table. The current state of an application is
 * the fold of its events over this table, so history is the source of truth.
 */
public final class Lifecycle {

    private static final Map<ApplicationState, Map<ApplicationAction, ApplicationState>> RULES =
            new EnumMap<>(ApplicationState.class);

    static {
        allow(DRAFT, SUBMIT, SUBMITTED);
        allow(DRAFT, WITHDRAW, WITHDRAWN);
        allow(RETURNED, SUBMIT, SUBMITTED);
        allow(RETURNED, WITHDRAW, WITHDRAWN);
        allow(SUBMITTED, START_SCREENING, SCREENING);
        allow(SUBMITTED, WITHDRAW, WITHDRAWN);
        allow(SCREENING, RETURN_TO_APPLICANT, RETURNED);
        allow(SCREENING, SEND_TO_REVIEW, UNDER_REVIEW);
        allow(SCREENING, WITHDRAW, WITHDRAWN);
        allow(UNDER_REVIEW, REQUEST_CLARIFICATION, CLARIFICATION_REQUESTED);
        allow(CLARIFICATION_REQUESTED, ANSWER_CLARIFICATION, UNDER_REVIEW);
        allow(CLARIFICATION_REQUESTED, WITHDRAW, WITHDRAWN);
        allow(UNDER_REVIEW, WITHDRAW, WITHDRAWN);
        // Only the chair decides, and only once the application has been screened and reviewed.
        allow(UNDER_REVIEW, APPROVE, APPROVED);
        allow(UNDER_REVIEW, REJECT, REJECTED);
        allow(APPROVED, ISSUE_AGREEMENT, AGREEMENT_PENDING);
        // SIGN_AGREEMENT is the second of the two signatures: the agreement is then in effect.
        allow(AGREEMENT_PENDING, SIGN_AGREEMENT, AGREEMENT_SIGNED);
        // An agreement left unsigned past the signing period lapses; a new application starts again.
        allow(AGREEMENT_PENDING, LAPSE, CLOSED);
        // No data moves without an agreement in effect.
        allow(AGREEMENT_SIGNED, START_PROVISIONING, PROVISIONING);
        allow(PROVISIONING, ACTIVATE, ACTIVE);
        allow(ACTIVE, SUSPEND, SUSPENDED);
        allow(SUSPENDED, RESUME, ACTIVE);
        allow(ACTIVE, EXPIRE, EXPIRED);
        allow(SUSPENDED, EXPIRE, EXPIRED);
        for (ApplicationState s : List.of(APPROVED, AGREEMENT_PENDING, AGREEMENT_SIGNED, PROVISIONING, ACTIVE,
                SUSPENDED)) {
            allow(s, REVOKE, REVOKED);
        }
        // Access continues under the current agreement while an amendment or renewal is reviewed.
        allow(ACTIVE, REQUEST_AMENDMENT, ACTIVE);
        allow(ACTIVE, APPROVE_AMENDMENT, ACTIVE);
        allow(ACTIVE, REJECT_AMENDMENT, ACTIVE);
        allow(ACTIVE, RENEW_ETHICS_APPROVAL, ACTIVE);
        allow(EXPIRED, CLOSE, CLOSED);
        allow(REVOKED, CLOSE, CLOSED);
    }

    private Lifecycle() {
    }

    private static void allow(ApplicationState from, ApplicationAction action, ApplicationState to) {
        RULES.computeIfAbsent(from, k -> new EnumMap<>(ApplicationAction.class)).put(action, to);
    }

    public static Optional<ApplicationState> target(ApplicationState from, ApplicationAction action) {
        return Optional.ofNullable(RULES.getOrDefault(from, Map.of()).get(action));
    }

    /** The state after the action, or a refusal naming the state and the action. */
    public static ApplicationState next(ApplicationState from, ApplicationAction action) {
        return target(from, action).orElseThrow(() -> new IllegalTransitionException(from, action));
    }

    public static boolean allows(ApplicationState from, ApplicationAction action) {
        return target(from, action).isPresent();
    }

    /** Replays a history of actions from creation: the state the events say the application is in. */
    public static ApplicationState replay(List<ApplicationAction> history) {
        if (history.isEmpty() || history.get(0) != CREATE) {
            throw new IllegalArgumentException("A history starts with CREATE");
        }
        ApplicationState state = DRAFT;
        for (ApplicationAction action : history.subList(1, history.size())) {
            state = next(state, action);
        }
        return state;
    }
}

package uk.nip.governance.domain;

import java.util.Locale;

/** An action the lifecycle does not allow in the application's current state. */
public class IllegalTransitionException extends GovernanceException {

    private final ApplicationState state;
    private final ApplicationAction action;

    public IllegalTransitionException(ApplicationState state, ApplicationAction action) {
        super("An application that is " + state.label().toLowerCase(Locale.ROOT) + " cannot be " + pastTense(action)
                + " (state " + state + ", action " + action + ").");
        this.state = state;
        this.action = action;
    }

    private static String pastTense(ApplicationAction action) {
        return switch (action) {
            case SUBMIT -> "submitted";
            case APPROVE -> "approved";
            case REJECT -> "rejected";
            case WITHDRAW -> "withdrawn";
            case ACTIVATE -> "activated";
            case REVOKE -> "revoked";
            default -> "given the action '" + action.label() + "'";
        };
    }

    public ApplicationState state() {
        return state;
    }

    public ApplicationAction action() {
        return action;
    }
}

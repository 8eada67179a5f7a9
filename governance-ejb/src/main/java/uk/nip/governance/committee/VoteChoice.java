package uk.nip.governance.committee;

import java.util.Locale;

public enum VoteChoice {
    APPROVE,
    REJECT,
    ABSTAIN;

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }
}

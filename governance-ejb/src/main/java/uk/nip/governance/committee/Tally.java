package uk.nip.governance.committee;

/**
 * Where a review stands: who may still vote, how many have, and what the votes recommend.
 * The chair decides; the recommendation only informs.
 */
public record Tally(int eligible, int conflicted, long approve, long reject, long abstain, int quorum,
        MajorityRule rule) {

    public long cast() {
        return approve + reject + abstain;
    }

    public boolean quorate() {
        return cast() >= quorum;
    }

    public String recommendation() {
        if (!quorate()) {
            return "no quorum yet (" + cast() + " of " + quorum + " votes)";
        }
        return rule.carried(approve, reject) ? "approve" : "do not approve";
    }

    public String summary() {
        return approve + " approve, " + reject + " reject, " + abstain + " abstain; " + conflicted
                + " conflicted; quorum " + quorum + ", majority " + rule.label() + ": " + recommendation();
    }
}

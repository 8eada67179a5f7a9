package uk.nip.governance.committee;

/** How many of the approve-or-reject votes must approve for the committee to recommend approval. */
public enum MajorityRule {
    SIMPLE("more than half"),
    TWO_THIRDS("at least two thirds"),
    UNANIMOUS("all");

    private final String label;

    MajorityRule(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Abstentions count towards quorum but not towards the majority. */
    public boolean carried(long approve, long reject) {
        long cast = approve + reject;
        if (cast == 0) {
            return false;
        }
        return switch (this) {
            case SIMPLE -> approve * 2 > cast;
            case TWO_THIRDS -> approve * 3 >= cast * 2;
            case UNANIMOUS -> reject == 0;
        };
    }
}

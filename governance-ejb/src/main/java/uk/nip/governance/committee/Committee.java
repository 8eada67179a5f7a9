package uk.nip.governance.committee;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A data access committee. It owns collections and sets its own quorum and majority. */
@Entity
@Table(name = "committee")
public class Committee {

    public static final String DEFAULT = "imaging-dac";

    @Id
    private String id;

    @Column(nullable = false)
    private String name;

    /** The fewest votes (abstentions included) from members without a conflict before the chair may decide. */
    @Column(nullable = false)
    private int quorum;

    @Enumerated(EnumType.STRING)
    @Column(name = "majority_rule", nullable = false)
    private MajorityRule majorityRule;

    /** Days a member has to review; the workflow turns this into due dates and reminders. */
    @Column(name = "review_days", nullable = false)
    private int reviewDays;

    @Version
    private long version;

    protected Committee() {
    }

    public Committee(String id, String name, int quorum, MajorityRule majorityRule, int reviewDays) {
        this.id = id;
        this.name = name;
        this.quorum = quorum;
        this.majorityRule = majorityRule;
        this.reviewDays = reviewDays;
    }

    void configure(int quorum, MajorityRule majorityRule, int reviewDays) {
        this.quorum = quorum;
        this.majorityRule = majorityRule;
        this.reviewDays = reviewDays;
    }

    public String getId() { return id; }
    public String getName() { return name; }
    public int getQuorum() { return quorum; }
    public MajorityRule getMajorityRule() { return majorityRule; }
    public int getReviewDays() { return reviewDays; }
    public long getVersion() { return version; }
}

package uk.nip.governance.committee;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A member's vote with its written reason. A member may change it until the chair decides. */
@Entity
@Table(name = "review_vote")
public class Vote {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "application_id", nullable = false)
    private long applicationId;

    @Column(name = "review_round", nullable = false)
    private int reviewRound;

    @Column(nullable = false)
    private String member;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private VoteChoice choice;

    @Column(nullable = false, length = 4000)
    private String reason;

    @Column(name = "cast_at", nullable = false)
    private Instant castAt;

    @Column(nullable = false)
    private String origin;

    @Version
    private long version;

    protected Vote() {
    }

    Vote(long applicationId, int reviewRound, String member) {
        this.applicationId = applicationId;
        this.reviewRound = reviewRound;
        this.member = member;
    }

    void cast(VoteChoice choice, String reason, Instant at, String origin) {
        this.choice = choice;
        this.reason = reason;
        this.castAt = at;
        this.origin = origin;
    }

    public Long getId() { return id; }
    public long getApplicationId() { return applicationId; }
    public int getReviewRound() { return reviewRound; }
    public String getMember() { return member; }
    public VoteChoice getChoice() { return choice; }
    public String getReason() { return reason; }
    public Instant getCastAt() { return castAt; }
    public long getVersion() { return version; }
}

package uk.nip.governance.committee;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A member's declaration, for one review round of one application, of whether they are conflicted. */
@Entity
@Table(name = "conflict_declaration")
public class ConflictDeclaration {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "application_id", nullable = false)
    private long applicationId;

    @Column(name = "review_round", nullable = false)
    private int reviewRound;

    @Column(nullable = false)
    private String member;

    @Column(nullable = false)
    private boolean conflicted;

    @Column(length = 2000)
    private String statement;

    @Column(name = "declared_at", nullable = false)
    private Instant declaredAt;

    @Column(nullable = false)
    private String origin;

    protected ConflictDeclaration() {
    }

    ConflictDeclaration(long applicationId, int reviewRound, String member, boolean conflicted, String statement,
            Instant declaredAt, String origin) {
        this.applicationId = applicationId;
        this.reviewRound = reviewRound;
        this.member = member;
        this.conflicted = conflicted;
        this.statement = statement;
        this.declaredAt = declaredAt;
        this.origin = origin;
    }

    public Long getId() { return id; }
    public long getApplicationId() { return applicationId; }
    public int getReviewRound() { return reviewRound; }
    public String getMember() { return member; }
    public boolean isConflicted() { return conflicted; }
    public String getStatement() { return statement; }
    public Instant getDeclaredAt() { return declaredAt; }
}

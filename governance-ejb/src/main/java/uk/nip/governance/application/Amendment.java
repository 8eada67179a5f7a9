package uk.nip.governance.application;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A request to change an active application, reviewed like the original in its own round. */
@Entity
@Table(name = "amendment")
public class Amendment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "application_id", nullable = false)
    private long applicationId;

    @Column(name = "review_round", nullable = false)
    private int reviewRound;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AmendmentKind kind;

    @Column(nullable = false, length = 4000)
    private String description;

    @Column(name = "new_end_date")
    private LocalDate newEndDate;

    /** Catalogue ids, comma separated. */
    @Column(name = "added_dataset_ids")
    private String addedDatasetIds;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "amendment_team_member", joinColumns = @JoinColumn(name = "amendment_id"))
    @OrderColumn(name = "position")
    private List<TeamMember> addedMembers = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private AmendmentStatus status;

    @Column(name = "requested_by", nullable = false)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "decision_reason", length = 4000)
    private String decisionReason;

    @Version
    private long version;

    protected Amendment() {
    }

    Amendment(long applicationId, int reviewRound, AmendmentKind kind, String description, LocalDate newEndDate,
            List<String> addedDatasetIds, List<TeamMember> addedMembers, String requestedBy, Instant requestedAt) {
        this.applicationId = applicationId;
        this.reviewRound = reviewRound;
        this.kind = kind;
        this.description = description;
        this.newEndDate = newEndDate;
        this.addedDatasetIds = addedDatasetIds.isEmpty() ? null : String.join(",", addedDatasetIds);
        this.addedMembers = new ArrayList<>(addedMembers);
        this.status = AmendmentStatus.UNDER_REVIEW;
        this.requestedBy = requestedBy;
        this.requestedAt = requestedAt;
    }

    void decide(boolean approve, String by, Instant at, String reason) {
        status = approve ? AmendmentStatus.APPROVED : AmendmentStatus.REJECTED;
        decidedBy = by;
        decidedAt = at;
        decisionReason = reason;
    }

    void takeEffect() {
        status = AmendmentStatus.IN_EFFECT;
    }

    void lapse() {
        status = AmendmentStatus.LAPSED;
    }

    void close() {
        status = AmendmentStatus.CLOSED;
    }

    /** A one-line account of what changes, for events, audit and the agreement's reason. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        if (newEndDate != null) {
            parts.add("end date " + newEndDate);
        }
        if (!getAddedDatasetIds().isEmpty()) {
            parts.add("datasets " + String.join(", ", getAddedDatasetIds()));
        }
        if (!addedMembers.isEmpty()) {
            parts.add("members " + String.join(", ", addedMembers.stream().map(TeamMember::nameWithRole).toList()));
        }
        return kind.label() + (parts.isEmpty() ? "" : ": " + String.join("; ", parts));
    }

    public Long getId() { return id; }
    public long getApplicationId() { return applicationId; }
    public int getReviewRound() { return reviewRound; }
    public AmendmentKind getKind() { return kind; }
    public String getDescription() { return description; }
    public LocalDate getNewEndDate() { return newEndDate; }
    public List<String> getAddedDatasetIds() {
        return addedDatasetIds == null ? List.of() : Arrays.asList(addedDatasetIds.split(","));
    }
    public List<TeamMember> getAddedMembers() { return List.copyOf(addedMembers); }
    public AmendmentStatus getStatus() { return status; }
    public String getRequestedBy() { return requestedBy; }
    public Instant getRequestedAt() { return requestedAt; }
    public String getDecidedBy() { return decidedBy; }
    public Instant getDecidedAt() { return decidedAt; }
    public String getDecisionReason() { return decisionReason; }
    public long getVersion() { return version; }
}

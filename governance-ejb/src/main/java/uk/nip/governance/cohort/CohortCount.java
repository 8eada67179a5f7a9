package uk.nip.governance.cohort;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * How large an application's cohort in one requested collection is, as the broker counted it:
 * aggregates only, with counts of 7 or fewer already replaced by the broker's suppression marker.
 */
@Entity
@Table(name = "cohort_count")
public class CohortCount {

    public enum Status { COUNTING, DONE, FAILED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "application_id", nullable = false)
    private long applicationId;

    /** Null only for a count made before counts named their collection, of an application without one. */
    @Column(name = "dataset_id", length = 100)
    private String datasetId;

    @Column(name = "requested_by", nullable = false)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    private String patients;
    private String studies;
    private String series;
    private String instances;

    @Column(length = 4000)
    private String breakdown;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Column(length = 1000)
    private String failure;

    protected CohortCount() {
    }

    CohortCount(long applicationId, String datasetId, String requestedBy, Instant requestedAt) {
        this.applicationId = applicationId;
        this.datasetId = datasetId;
        this.requestedBy = requestedBy;
        this.requestedAt = requestedAt;
        this.status = Status.COUNTING;
    }

    void complete(String patients, String studies, String series, String instances, String breakdown, Instant at) {
        this.patients = patients;
        this.studies = studies;
        this.series = series;
        this.instances = instances;
        this.breakdown = breakdown;
        this.completedAt = at;
        this.status = Status.DONE;
    }

    void fail(String reason, Instant at) {
        this.failure = reason;
        this.completedAt = at;
        this.status = Status.FAILED;
    }

    public Long getId() { return id; }
    public String getDatasetId() { return datasetId; }
    public long getApplicationId() { return applicationId; }
    public String getRequestedBy() { return requestedBy; }
    public Instant getRequestedAt() { return requestedAt; }
    public Status getStatus() { return status; }
    public String getPatients() { return patients; }
    public String getStudies() { return studies; }
    public String getSeries() { return series; }
    public String getInstances() { return instances; }
    public String getBreakdown() { return breakdown; }
    public Instant getCompletedAt() { return completedAt; }
    public String getFailure() { return failure; }
}

package uk.nip.governance.cohort;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A patient who registered a national data opt-out: never provisioned, never counted. */
@Entity
@Table(name = "national_opt_out")
public class OptOut {

    @Id
    @Column(name = "patient_id")
    private String patientId;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    @Column(name = "registered_by", nullable = false)
    private String registeredBy;

    protected OptOut() {
    }

    OptOut(String patientId, Instant registeredAt, String registeredBy) {
        this.patientId = patientId;
        this.registeredAt = registeredAt;
        this.registeredBy = registeredBy;
    }

    public String getPatientId() { return patientId; }
    public Instant getRegisteredAt() { return registeredAt; }
    public String getRegisteredBy() { return registeredBy; }
}

package uk.nip.governance.catalogue;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;

/** A collection in the imaging catalogue, with its controller and coded use restrictions. */
@Entity
@Table(name = "dataset")
public class Dataset {

    @Id
    private String id;

    @Column(nullable = false)
    private String title;

    @Column(length = 4000)
    private String description;

    @Column(name = "data_controller", nullable = false)
    private String dataController;

    /** DICOM modality codes, comma separated (CT,MR). */
    private String modalities;

    @Column(name = "body_parts")
    private String bodyParts;

    @Column(name = "patient_count")
    private long patientCount;

    @Column(name = "instance_count")
    private long instanceCount;

    @Column(name = "date_from")
    private LocalDate dateFrom;

    @Column(name = "date_to")
    private LocalDate dateTo;

    /** GA4GH Data Use Ontology codes, comma separated (DUO:0000042,DUO:0000046). */
    @Column(name = "duo_codes")
    private String duoCodes;

    /** Where the broker finds the collection in its archive; never shown to researchers. */
    @Column(name = "archive_location")
    private String archiveLocation;

    /** The data access committee that decides on requests for this collection. */
    @Column(name = "committee_id")
    private String committeeId;

    @Version
    private long version;

    protected Dataset() {
    }

    public Dataset(String id, String title, String dataController) {
        this.id = id;
        this.title = title;
        this.dataController = dataController;
    }

    public String getId() { return id; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getDataController() { return dataController; }
    public void setDataController(String dataController) { this.dataController = dataController; }
    public String getModalities() { return modalities; }
    public void setModalities(String modalities) { this.modalities = modalities; }
    public String getBodyParts() { return bodyParts; }
    public void setBodyParts(String bodyParts) { this.bodyParts = bodyParts; }
    public long getPatientCount() { return patientCount; }
    public void setPatientCount(long patientCount) { this.patientCount = patientCount; }
    public long getInstanceCount() { return instanceCount; }
    public void setInstanceCount(long instanceCount) { this.instanceCount = instanceCount; }
    public LocalDate getDateFrom() { return dateFrom; }
    public void setDateFrom(LocalDate dateFrom) { this.dateFrom = dateFrom; }
    public LocalDate getDateTo() { return dateTo; }
    public void setDateTo(LocalDate dateTo) { this.dateTo = dateTo; }
    public String getDuoCodes() { return duoCodes; }
    public void setDuoCodes(String duoCodes) { this.duoCodes = duoCodes; }
    public String getArchiveLocation() { return archiveLocation; }
    public String getCommitteeId() { return committeeId; }
    public void setCommitteeId(String committeeId) { this.committeeId = committeeId; }
    public void setArchiveLocation(String archiveLocation) { this.archiveLocation = archiveLocation; }
}

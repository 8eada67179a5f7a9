package uk.nip.governance.catalogue;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** The end of a time limit on use (DUO:0000025): no project may use the collection after it. */
    @Column(name = "use_until")
    private LocalDate useUntil;

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
    public LocalDate getUseUntil() { return useUntil; }
    public void setUseUntil(LocalDate useUntil) { this.useUntil = useUntil; }
    public long getVersion() { return version; }

    /** The DUO CURIEs as stored, in order. */
    public List<String> duoCodeList() {
        if (duoCodes == null || duoCodes.isBlank()) {
            return List.of();
        }
        return Arrays.stream(duoCodes.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The known DUO terms on this collection (codes this platform does not know are left out). */
    public List<DuoCode> restrictions() {
        return duoCodeList().stream().map(DuoCode::of).flatMap(Optional::stream).toList();
    }

    public boolean has(DuoCode code) {
        return restrictions().contains(code);
    }

    /** Replaces the description with a checked form (the id never changes). */
    void fill(CollectionForm f) {
        title = f.title().strip();
        description = blankToNull(f.description());
        dataController = f.dataController().strip();
        modalities = CollectionCheck.normalised(f.modalities());
        bodyParts = CollectionCheck.normalised(f.bodyParts());
        patientCount = f.patientCount() == null ? 0 : f.patientCount();
        instanceCount = f.instanceCount() == null ? 0 : f.instanceCount();
        dateFrom = f.dateFrom();
        dateTo = f.dateTo();
        List<String> curies = f.duoCodes().stream().map(c -> DuoCode.of(c).orElseThrow().curie()).distinct().toList();
        duoCodes = curies.isEmpty() ? null : String.join(",", curies);
        useUntil = f.useUntil();
        archiveLocation = blankToNull(f.archiveLocation());
    }

    /** Every field an audit record describes, so a change can be shown as before and after. */
    Map<String, String> summary() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("title", title);
        m.put("description", description == null ? null
                : description.length() <= 80 ? description : description.substring(0, 79) + "…");
        m.put("dataController", dataController);
        m.put("modalities", modalities);
        m.put("bodyParts", bodyParts);
        m.put("patientCount", Long.toString(patientCount));
        m.put("instanceCount", Long.toString(instanceCount));
        m.put("dateFrom", dateFrom == null ? null : dateFrom.toString());
        m.put("dateTo", dateTo == null ? null : dateTo.toString());
        m.put("duoCodes", duoCodes);
        m.put("useUntil", useUntil == null ? null : useUntil.toString());
        m.put("archiveLocation", archiveLocation);
        return m;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

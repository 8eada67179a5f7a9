package uk.nip.portal.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import uk.nip.governance.catalogue.Catalogue;
import uk.nip.governance.catalogue.CollectionForm;
import uk.nip.governance.catalogue.Dataset;
import uk.nip.governance.catalogue.DuoCode;
import uk.nip.governance.domain.GovernanceException;
import uk.nip.portal.infra.CurrentActor;

/** Custodians list, add and edit catalogue collections; the service checks role, fields and versions. */
@Named
@ViewScoped
public class CustodianCatalogueView implements Serializable {

    @Inject
    transient Catalogue catalogue;

    @Inject
    transient CurrentActor current;

    /** The collection being edited, or null while adding a new one. */
    private String editingId;
    private long editingVersion;

    private String id;
    private String title;
    private String description;
    private String dataController;
    private String modalities;
    private String bodyParts;
    private Long patientCount;
    private Long instanceCount;
    private LocalDate dateFrom;
    private LocalDate dateTo;
    private List<String> duoCodes = new ArrayList<>();
    private LocalDate useUntil;
    private String archiveLocation;

    public List<Dataset> getCollections() {
        try {
            return catalogue.manage(current.actor());
        } catch (GovernanceException e) {
            Messages.refused(e, "collections");
            return List.of();
        }
    }

    public List<DuoCode> getDuoTerms() {
        return List.of(DuoCode.values());
    }

    /** "DUO:0000046 non-commercial use only, DUO:0000042 general research use" for the listing. */
    public String restrictions(Dataset d) {
        return String.join(", ", d.restrictions().stream().map(DuoCode::describe).toList());
    }

    public void edit(Dataset d) {
        CollectionForm f = CollectionForm.of(d);
        editingId = d.getId();
        editingVersion = d.getVersion();
        id = f.id();
        title = f.title();
        description = f.description();
        dataController = f.dataController();
        modalities = f.modalities();
        bodyParts = f.bodyParts();
        patientCount = f.patientCount();
        instanceCount = f.instanceCount();
        dateFrom = f.dateFrom();
        dateTo = f.dateTo();
        duoCodes = new ArrayList<>(f.duoCodes());
        useUntil = f.useUntil();
        archiveLocation = f.archiveLocation();
    }

    public void startNew() {
        editingId = null;
        editingVersion = 0;
        id = null;
        title = null;
        description = null;
        dataController = null;
        modalities = null;
        bodyParts = null;
        patientCount = null;
        instanceCount = null;
        dateFrom = null;
        dateTo = null;
        duoCodes = new ArrayList<>();
        useUntil = null;
        archiveLocation = null;
    }

    public void save() {
        CollectionForm form = new CollectionForm(id, title, description, dataController, modalities, bodyParts,
                patientCount, instanceCount, dateFrom, dateTo, duoCodes, useUntil, archiveLocation);
        try {
            Dataset saved = editingId == null ? catalogue.add(current.actor(), form)
                    : catalogue.update(current.actor(), editingId, editingVersion, form);
            Messages.info("Collection '" + saved.getTitle() + "' saved.");
            edit(saved);
        } catch (GovernanceException e) {
            Messages.refused(e, "collection");
        }
    }

    public String getEditingId() { return editingId; }
    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
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
    public Long getPatientCount() { return patientCount; }
    public void setPatientCount(Long patientCount) { this.patientCount = patientCount; }
    public Long getInstanceCount() { return instanceCount; }
    public void setInstanceCount(Long instanceCount) { this.instanceCount = instanceCount; }
    public LocalDate getDateFrom() { return dateFrom; }
    public void setDateFrom(LocalDate dateFrom) { this.dateFrom = dateFrom; }
    public LocalDate getDateTo() { return dateTo; }
    public void setDateTo(LocalDate dateTo) { this.dateTo = dateTo; }
    public List<String> getDuoCodes() { return duoCodes; }
    public void setDuoCodes(List<String> duoCodes) { this.duoCodes = duoCodes == null ? new ArrayList<>() : duoCodes; }
    public LocalDate getUseUntil() { return useUntil; }
    public void setUseUntil(LocalDate useUntil) { this.useUntil = useUntil; }
    public String getArchiveLocation() { return archiveLocation; }
    public void setArchiveLocation(String archiveLocation) { this.archiveLocation = archiveLocation; }
}

package uk.nip.portal.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.application.DraftForm;
import uk.nip.governance.catalogue.Catalogue;
import uk.nip.governance.catalogue.Dataset;
import uk.nip.governance.domain.GovernanceException;
import uk.nip.portal.infra.CurrentActor;

/** A researcher's applications and the draft being edited. */
@Named
@ViewScoped
public class ResearcherView implements Serializable {

    @Inject
    transient ApplicationService applications;

    @Inject
    transient Catalogue catalogue;

    @Inject
    transient CurrentActor current;

    private Long editingId;
    private long editingVersion;
    private String title;
    private String laySummary;
    private String publicBenefit;
    private String technicalSummary;
    private String organisation;
    private String datasetId;

    public List<Application> getApplications() {
        return applications.visibleTo(current.actor());
    }

    public List<Dataset> getCollections() {
        return catalogue.collections();
    }

    public void saveDraft() {
        try {
            Application app = save();
            Messages.info("Draft " + app.getReference() + " saved.");
        } catch (GovernanceException e) {
            Messages.refused(e, "draft");
        }
    }

    public void submit() {
        try {
            Application app = applications.submit(current.actor(), save().getId());
            Messages.info("Application " + app.getReference() + " submitted to the data access committee.");
            clear();
        } catch (GovernanceException e) {
            Messages.refused(e, "draft");
        }
    }

    public void edit(Application app) {
        editingId = app.getId();
        editingVersion = app.getVersion();
        title = app.getTitle();
        laySummary = app.getLaySummary();
        publicBenefit = app.getPublicBenefit();
        technicalSummary = app.getTechnicalSummary();
        organisation = app.getOrganisation();
        datasetId = app.getDatasetId();
    }

    public void clear() {
        editingId = null;
        title = laySummary = publicBenefit = technicalSummary = organisation = datasetId = null;
    }

    /** Saving a draft is its own transaction, so a later refusal to submit never loses the text. */
    private Application save() {
        DraftForm form = new DraftForm(title, laySummary, publicBenefit, technicalSummary, organisation, datasetId);
        Application app = editingId == null
                ? applications.createDraft(current.actor(), form)
                : applications.saveDraft(current.actor(), editingId, editingVersion, form);
        editingId = app.getId();
        editingVersion = app.getVersion();
        return app;
    }

    public boolean isEditable(Application app) {
        return app.getState().name().equals("DRAFT") || app.getState().name().equals("RETURNED");
    }

    public Long getEditingId() { return editingId; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getLaySummary() { return laySummary; }
    public void setLaySummary(String laySummary) { this.laySummary = laySummary; }
    public String getPublicBenefit() { return publicBenefit; }
    public void setPublicBenefit(String publicBenefit) { this.publicBenefit = publicBenefit; }
    public String getTechnicalSummary() { return technicalSummary; }
    public void setTechnicalSummary(String technicalSummary) { this.technicalSummary = technicalSummary; }
    public String getOrganisation() { return organisation; }
    public void setOrganisation(String organisation) { this.organisation = organisation; }
    public String getDatasetId() { return datasetId; }
    public void setDatasetId(String datasetId) { this.datasetId = datasetId; }
}

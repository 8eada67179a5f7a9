package uk.nip.portal.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.primefaces.event.FileUploadEvent;
import org.primefaces.model.file.UploadedFile;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationEvent;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.application.ProvisionedCollection;
import uk.nip.governance.application.Article6Condition;
import uk.nip.governance.application.Article9Condition;
import uk.nip.governance.application.CohortSex;
import uk.nip.governance.application.ComputeNeeds;
import uk.nip.governance.application.DocumentSummary;
import uk.nip.governance.application.DraftForm;
import uk.nip.governance.application.PdfUpload;
import uk.nip.governance.application.PurposeCategory;
import uk.nip.governance.application.RequestedDataset;
import uk.nip.governance.application.Sector;
import uk.nip.governance.application.TeamMember;
import uk.nip.governance.catalogue.Catalogue;
import uk.nip.governance.catalogue.Dataset;
import uk.nip.governance.domain.ApplicationAction;
import uk.nip.governance.domain.GovernanceException;
import uk.nip.governance.domain.Lifecycle;
import uk.nip.portal.infra.CurrentActor;

/** A researcher's applications and the draft being edited, section by section. */
@Named
@ViewScoped
public class ResearcherView implements Serializable {

    @Inject
    transient ApplicationService applications;

    @Inject
    transient Catalogue catalogue;

    @Inject
    transient CurrentActor current;

    /** A team member as edited on the page. */
    public static class MemberRow implements Serializable {
        private String name;
        private String email;
        private String username;
        private String role;
        private String orcid;

        static MemberRow of(TeamMember m) {
            MemberRow r = new MemberRow();
            r.name = m.getName();
            r.email = m.getEmail();
            r.username = m.getUsername();
            r.role = m.getRole();
            r.orcid = m.getOrcid();
            return r;
        }

        TeamMember value() {
            return new TeamMember(name, email, username, role, orcid);
        }

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getEmail() { return email; }
        public void setEmail(String email) { this.email = email; }
        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getRole() { return role; }
        public void setRole(String role) { this.role = role; }
        public String getOrcid() { return orcid; }
        public void setOrcid(String orcid) { this.orcid = orcid; }
    }

    /** A requested dataset and its cohort criteria as edited on the page. */
    public static class DatasetRow implements Serializable {
        private String datasetId;
        private String modalities;
        private String bodyParts;
        private LocalDate studyDateFrom;
        private LocalDate studyDateTo;
        private Integer ageFrom;
        private Integer ageTo;
        private CohortSex sex;

        static DatasetRow of(RequestedDataset d) {
            DatasetRow r = new DatasetRow();
            r.datasetId = d.getDatasetId();
            r.modalities = d.getModalities();
            r.bodyParts = d.getBodyParts();
            r.studyDateFrom = d.getStudyDateFrom();
            r.studyDateTo = d.getStudyDateTo();
            r.ageFrom = d.getAgeFrom();
            r.ageTo = d.getAgeTo();
            r.sex = d.getSex();
            return r;
        }

        boolean isEmpty() {
            return datasetId == null && modalities == null && bodyParts == null && studyDateFrom == null
                    && studyDateTo == null && ageFrom == null && ageTo == null && sex == null;
        }

        RequestedDataset value() {
            return new RequestedDataset(datasetId, modalities, bodyParts, studyDateFrom, studyDateTo, ageFrom, ageTo,
                    sex);
        }

        public String getDatasetId() { return datasetId; }
        public void setDatasetId(String datasetId) { this.datasetId = datasetId; }
        public String getModalities() { return modalities; }
        public void setModalities(String modalities) { this.modalities = modalities; }
        public String getBodyParts() { return bodyParts; }
        public void setBodyParts(String bodyParts) { this.bodyParts = bodyParts; }
        public LocalDate getStudyDateFrom() { return studyDateFrom; }
        public void setStudyDateFrom(LocalDate studyDateFrom) { this.studyDateFrom = studyDateFrom; }
        public LocalDate getStudyDateTo() { return studyDateTo; }
        public void setStudyDateTo(LocalDate studyDateTo) { this.studyDateTo = studyDateTo; }
        public Integer getAgeFrom() { return ageFrom; }
        public void setAgeFrom(Integer ageFrom) { this.ageFrom = ageFrom; }
        public Integer getAgeTo() { return ageTo; }
        public void setAgeTo(Integer ageTo) { this.ageTo = ageTo; }
        public CohortSex getSex() { return sex; }
        public void setSex(CohortSex sex) { this.sex = sex; }
    }

    private Long editingId;
    private long editingVersion;
    private String title;
    private String laySummary;
    private String technicalSummary;
    private String publicBenefit;
    private PurposeCategory purpose;
    private Boolean commercial;
    private String organisation;
    private Sector sector;
    private List<MemberRow> team = new ArrayList<>();
    private String funders;
    private String ethicsReference;
    private LocalDate ethicsExpiry;
    private Article6Condition article6;
    private Article9Condition article9;
    private List<DatasetRow> datasets = new ArrayList<>(List.of(new DatasetRow()));
    private String minimisationJustification;
    private Integer cpuCores;
    private Integer gpus;
    private Integer storageGb;
    private Integer months;
    private LocalDate startDate;
    private LocalDate endDate;
    private String withdrawReason;
    private Long viewingId;
    private transient Application viewing;
    private final RenderCache cache = new RenderCache();

    public List<Application> getApplications() {
        return applications.visibleTo(current.actor());
    }

    public List<Dataset> getCollections() {
        return catalogue.collections();
    }

    public List<DocumentSummary> getDocuments() {
        return editingId == null ? List.of() : applications.documents(current.actor(), editingId);
    }

    public PurposeCategory[] getPurposes() { return PurposeCategory.values(); }
    public Sector[] getSectors() { return Sector.values(); }
    public Article6Condition[] getArticle6Conditions() { return Article6Condition.values(); }
    public Article9Condition[] getArticle9Conditions() { return Article9Condition.values(); }
    public CohortSex[] getSexes() { return CohortSex.values(); }
    public long getMaxDocumentBytes() { return PdfUpload.MAX_BYTES; }

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

    public void withdraw(Application app) {
        try {
            applications.withdraw(current.actor(), app.getId(), withdrawReason);
            Messages.info("Application " + app.getReference() + " withdrawn.");
            withdrawReason = null;
            // the draft form is re-rendered only when it showed this application: it may hold unsaved text
            if (app.getId().equals(editingId)) {
                clear();
                org.primefaces.PrimeFaces.current().ajax().update("draft", "documents", "draftHeading");
            }
        } catch (GovernanceException e) {
            Messages.refused(e, "applications");
        }
    }

    /** Attaches a PDF to the draft being edited; the service checks it is one. */
    public void upload(FileUploadEvent event) {
        UploadedFile file = event.getFile();
        try (InputStream in = file.getInputStream()) {
            byte[] content = in.readNBytes((int) PdfUpload.MAX_BYTES + 1);
            DocumentSummary doc = applications.addDocument(current.actor(), editingId, file.getFileName(), content);
            Messages.info("'" + doc.filename() + "' attached.");
        } catch (GovernanceException e) {
            Messages.refused(e, "documents");
        } catch (IOException e) {
            Messages.refused(new GovernanceException("The upload of '" + file.getFileName()
                    + "' was interrupted; nothing was attached. Try again."), "documents");
        }
    }

    /** Shows an application read-only: how team members see it, and the lead once it is submitted. */
    public void view(Application app) {
        viewingId = app.getId();
        viewing = null;
    }

    public void closeView() {
        viewingId = null;
        viewing = null;
    }

    public Application getViewing() {
        if (viewingId != null && viewing == null) {
            viewing = applications.get(current.actor(), viewingId);
        }
        return viewing;
    }

    /** What has happened to the application shown, oldest first, with each step's reason. */
    public List<ApplicationEvent> getViewingHistory() {
        return viewingId == null ? List.of() : cache.get("history", () -> applications.history(current.actor(), viewingId));
    }

    /** Who took a step, in words an applicant knows; committee members and custodians are named by role. */
    public String who(ApplicationEvent e) {
        if (e.getActor().equals(current.actor().username())) {
            return "you";
        }
        return switch (e.getRole() == null ? "" : e.getRole()) {
            case "researcher" -> e.getActor() + " (applicant team)";
            case "custodian" -> "a data custodian";
            case "dac-member" -> "a committee member";
            case "dac-chair" -> "the committee chair";
            case "broker" -> "the imaging broker";
            default -> "the platform";
        };
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** An event's time as the page shows every time: UTC, to the minute. */
    public String when(ApplicationEvent e) {
        return WHEN.format(e.getAt());
    }

    public List<DocumentSummary> getViewingDocuments() {
        return viewingId == null ? List.of() : applications.documents(current.actor(), viewingId);
    }

    public void edit(Application app) {
        editingId = app.getId();
        editingVersion = app.getVersion();
        title = app.getTitle();
        laySummary = app.getLaySummary();
        technicalSummary = app.getTechnicalSummary();
        publicBenefit = app.getPublicBenefit();
        purpose = app.getPurpose();
        commercial = app.getCommercial();
        organisation = app.getOrganisation();
        sector = app.getSector();
        team = new ArrayList<>(app.getTeam().stream().map(MemberRow::of).toList());
        funders = String.join("\n", app.getFunders());
        ethicsReference = app.getEthicsReference();
        ethicsExpiry = app.getEthicsExpiry();
        article6 = app.getArticle6();
        article9 = app.getArticle9();
        datasets = new ArrayList<>(app.getDatasets().stream().map(DatasetRow::of).toList());
        if (datasets.isEmpty()) {
            datasets.add(new DatasetRow());
        }
        minimisationJustification = app.getMinimisationJustification();
        ComputeNeeds c = app.getCompute();
        cpuCores = c.getCpuCores();
        gpus = c.getGpus();
        storageGb = c.getStorageGb();
        months = c.getMonths();
        startDate = app.getStartDate();
        endDate = app.getEndDate();
    }

    public void clear() {
        editingId = null;
        title = laySummary = technicalSummary = publicBenefit = organisation = funders = ethicsReference = null;
        minimisationJustification = null;
        purpose = null;
        commercial = null;
        sector = null;
        article6 = null;
        article9 = null;
        ethicsExpiry = startDate = endDate = null;
        cpuCores = gpus = storageGb = months = null;
        team = new ArrayList<>();
        datasets = new ArrayList<>(List.of(new DatasetRow()));
    }

    public void addMember() { team.add(new MemberRow()); }
    public void removeMember(MemberRow row) { team.remove(row); }
    public void addDataset() { datasets.add(new DatasetRow()); }
    public void removeDataset(DatasetRow row) { datasets.remove(row); }

    /** Saving a draft is its own transaction, so a later refusal to submit never loses the text. */
    private Application save() {
        DraftForm form = new DraftForm(title, laySummary, technicalSummary, publicBenefit, purpose, commercial,
                organisation, sector, team.stream().map(MemberRow::value).toList(),
                funders == null ? List.of() : Arrays.asList(funders.split("\\R")), ethicsReference, ethicsExpiry,
                article6, article9, datasets.stream().filter(d -> !d.isEmpty()).map(DatasetRow::value).toList(),
                minimisationJustification, new ComputeNeeds(cpuCores, gpus, storageGb, months), startDate, endDate);
        Application app = editingId == null
                ? applications.createDraft(current.actor(), form)
                : applications.saveDraft(current.actor(), editingId, editingVersion, form);
        editingId = app.getId();
        editingVersion = app.getVersion();
        return app;
    }

    public boolean isEditable(Application app) {
        return isLead(app) && (app.getState().name().equals("DRAFT") || app.getState().name().equals("RETURNED"));
    }

    /** The lead may withdraw until the committee decides. */
    public boolean isWithdrawable(Application app) {
        return isLead(app) && Lifecycle.allows(app.getState(), ApplicationAction.WITHDRAW);
    }

    /** What the broker provisioned for this application, collection by collection. */
    public List<ProvisionedCollection> collections(Application app) {
        Map<Long, List<ProvisionedCollection>> all = cache.get("collections",
                () -> applications.provisionedCollections(current.actor(), getApplications()));
        return all.getOrDefault(app.getId(), List.of());
    }

    public boolean isLead(Application app) {
        return app.getLeadUsername().equals(current.actor().username());
    }

    public Long getEditingId() { return editingId; }
    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getLaySummary() { return laySummary; }
    public void setLaySummary(String laySummary) { this.laySummary = laySummary; }
    public String getTechnicalSummary() { return technicalSummary; }
    public void setTechnicalSummary(String technicalSummary) { this.technicalSummary = technicalSummary; }
    public String getPublicBenefit() { return publicBenefit; }
    public void setPublicBenefit(String publicBenefit) { this.publicBenefit = publicBenefit; }
    public PurposeCategory getPurpose() { return purpose; }
    public void setPurpose(PurposeCategory purpose) { this.purpose = purpose; }
    public Boolean getCommercial() { return commercial; }
    public void setCommercial(Boolean commercial) { this.commercial = commercial; }
    public String getOrganisation() { return organisation; }
    public void setOrganisation(String organisation) { this.organisation = organisation; }
    public Sector getSector() { return sector; }
    public void setSector(Sector sector) { this.sector = sector; }
    public List<MemberRow> getTeam() { return team; }
    public String getFunders() { return funders; }
    public void setFunders(String funders) { this.funders = funders; }
    public String getEthicsReference() { return ethicsReference; }
    public void setEthicsReference(String ethicsReference) { this.ethicsReference = ethicsReference; }
    public LocalDate getEthicsExpiry() { return ethicsExpiry; }
    public void setEthicsExpiry(LocalDate ethicsExpiry) { this.ethicsExpiry = ethicsExpiry; }
    public Article6Condition getArticle6() { return article6; }
    public void setArticle6(Article6Condition article6) { this.article6 = article6; }
    public Article9Condition getArticle9() { return article9; }
    public void setArticle9(Article9Condition article9) { this.article9 = article9; }
    public List<DatasetRow> getDatasets() { return datasets; }
    public String getMinimisationJustification() { return minimisationJustification; }
    public void setMinimisationJustification(String m) { this.minimisationJustification = m; }
    public Integer getCpuCores() { return cpuCores; }
    public void setCpuCores(Integer cpuCores) { this.cpuCores = cpuCores; }
    public Integer getGpus() { return gpus; }
    public void setGpus(Integer gpus) { this.gpus = gpus; }
    public Integer getStorageGb() { return storageGb; }
    public void setStorageGb(Integer storageGb) { this.storageGb = storageGb; }
    public Integer getMonths() { return months; }
    public void setMonths(Integer months) { this.months = months; }
    public LocalDate getStartDate() { return startDate; }
    public void setStartDate(LocalDate startDate) { this.startDate = startDate; }
    public LocalDate getEndDate() { return endDate; }
    public void setEndDate(LocalDate endDate) { this.endDate = endDate; }
    public String getWithdrawReason() { return withdrawReason; }
    public void setWithdrawReason(String withdrawReason) { this.withdrawReason = withdrawReason; }
}

package uk.nip.governance.application;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import uk.nip.governance.domain.ApplicationState;

/**
 * A researcher's application for imaging data. Its state column is a projection of its event
 * history, written in the same transaction as each event; the events remain the source of truth.
 */
@Entity
@Table(name = "application")
public class Application {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** The project identifier researchers, the register and the broker use. */
    @Column(nullable = false, unique = true)
    private String reference;

    @Column(nullable = false)
    private String title;

    @Column(name = "lay_summary", length = 4000)
    private String laySummary;

    @Column(name = "public_benefit", length = 4000)
    private String publicBenefit;

    @Column(name = "technical_summary", length = 8000)
    private String technicalSummary;

    @Enumerated(EnumType.STRING)
    @Column(length = 40)
    private PurposeCategory purpose;

    private Boolean commercial;

    private String organisation;

    @Enumerated(EnumType.STRING)
    @Column(length = 20)
    private Sector sector;

    @Column(name = "lead_username", nullable = false)
    private String leadUsername;

    /** The first requested dataset, kept for the provisioning process and the register. */
    @Column(name = "dataset_id")
    private String datasetId;

    // Eager: the application is read whole, after its transaction, by the API and the pages.
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "application_team_member", joinColumns = @JoinColumn(name = "application_id"))
    @OrderColumn(name = "position")
    private List<TeamMember> team = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "application_funder", joinColumns = @JoinColumn(name = "application_id"))
    @OrderColumn(name = "position")
    @Column(name = "name")
    private List<String> funders = new ArrayList<>();

    @Column(name = "ethics_reference", length = 100)
    private String ethicsReference;

    @Column(name = "ethics_expiry")
    private LocalDate ethicsExpiry;

    @Enumerated(EnumType.STRING)
    @Column(name = "legal_basis_art6", length = 40)
    private Article6Condition article6;

    @Enumerated(EnumType.STRING)
    @Column(name = "legal_basis_art9", length = 40)
    private Article9Condition article9;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "application_dataset", joinColumns = @JoinColumn(name = "application_id"))
    @OrderColumn(name = "position")
    private List<RequestedDataset> datasets = new ArrayList<>();

    @Column(name = "minimisation_justification", length = 4000)
    private String minimisationJustification;

    @Embedded
    private ComputeNeeds compute = ComputeNeeds.none();

    @Column(name = "start_date")
    private LocalDate startDate;

    @Column(name = "end_date")
    private LocalDate endDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ApplicationState state;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "decision_reason", length = 4000)
    private String decisionReason;

    /** Every provisioned collection's files together; each collection is a ProvisionedCollection. */
    @Column(name = "provisioned_files")
    private Long provisionedFiles;

    /** The first collection's manifest hash. */
    @Column(name = "manifest_sha256", length = 64)
    private String manifestSha256;

    /** Round 1 is the first review; each amendment or renewal is reviewed in the next round. */
    @Column(name = "review_round", nullable = false)
    private int reviewRound = 1;

    @Version
    private long version;

    protected Application() {
    }

    Application(String reference, String leadUsername, Instant createdAt) {
        this.reference = reference;
        this.leadUsername = leadUsername;
        this.createdAt = createdAt;
        this.state = ApplicationState.DRAFT;
        this.title = "";
    }

    void moveTo(ApplicationState next) {
        this.state = next;
    }

    void recordDecision(Instant at, String reason) {
        this.decidedAt = at;
        this.decisionReason = reason;
    }

    void recordProvisioning(long files, String manifestSha256) {
        this.provisionedFiles = files;
        this.manifestSha256 = manifestSha256;
    }

    /** Replaces the whole content with what the researcher typed; a draft may be incomplete. */
    /** Starts the next review round, for an amendment or renewal. */
    void nextReviewRound() {
        reviewRound++;
    }

    /** Applies an approved amendment: later end, more data, more people. Nothing is removed. */
    void amend(Amendment a) {
        endDate = endDateWith(a);
        datasets.addAll(added(a));
        team.addAll(a.getAddedMembers());
    }

    /** A renewed ethics approval a custodian has seen. */
    public void renewEthicsApproval(String reference, LocalDate expiry) {
        ethicsReference = reference;
        ethicsExpiry = expiry;
    }

    /** The end date once the amendment is in effect. */
    public LocalDate endDateWith(Amendment a) {
        return a.getNewEndDate() != null ? a.getNewEndDate() : endDate;
    }

    /** The datasets once the amendment is in effect. */
    public List<RequestedDataset> datasetsWith(Amendment a) {
        List<RequestedDataset> all = new ArrayList<>(datasets);
        all.addAll(added(a));
        return all;
    }

    /** Collections an amendment adds come whole: it names no cohort criteria. */
    private static List<RequestedDataset> added(Amendment a) {
        return a.getAddedDatasetIds().stream().map(RequestedDataset::whole).toList();
    }

    void fill(DraftForm form) {
        title = form.title() == null ? "" : form.title().strip();
        laySummary = form.laySummary();
        technicalSummary = form.technicalSummary();
        publicBenefit = form.publicBenefit();
        purpose = form.purpose();
        commercial = form.commercial();
        organisation = form.organisation();
        sector = form.sector();
        replace(team, form.team());
        replace(funders, form.funders());
        ethicsReference = form.ethicsReference();
        ethicsExpiry = form.ethicsExpiry();
        article6 = form.article6();
        article9 = form.article9();
        replace(datasets, form.datasets());
        minimisationJustification = form.minimisationJustification();
        if (!form.compute().equals(getCompute())) {
            compute = form.compute();
        }
        startDate = form.startDate();
        endDate = form.endDate();
    }

    /** Changes the collection only where it differs, so an unchanged list is not rewritten. */
    private static <T> void replace(List<T> current, List<T> wanted) {
        if (!current.equals(wanted)) {
            current.clear();
            current.addAll(wanted);
        }
    }

    /** Only a catalogue dataset may be named here (a foreign key); the service checks which. */
    void setPrimaryDataset(String datasetId) {
        this.datasetId = datasetId;
    }

    void setReference(String reference) {
        this.reference = reference;
    }

    public Long getId() { return id; }
    public String getReference() { return reference; }
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
    public String getLeadUsername() { return leadUsername; }
    public String getDatasetId() { return datasetId; }
    public PurposeCategory getPurpose() { return purpose; }
    public Boolean getCommercial() { return commercial; }
    public Sector getSector() { return sector; }
    public List<TeamMember> getTeam() { return List.copyOf(team); }
    public List<String> getFunders() { return List.copyOf(funders); }
    public String getEthicsReference() { return ethicsReference; }
    public LocalDate getEthicsExpiry() { return ethicsExpiry; }
    public Article6Condition getArticle6() { return article6; }
    public Article9Condition getArticle9() { return article9; }
    public List<RequestedDataset> getDatasets() { return List.copyOf(datasets); }
    public String getMinimisationJustification() { return minimisationJustification; }
    public ComputeNeeds getCompute() { return compute == null ? ComputeNeeds.none() : compute; }
    public LocalDate getStartDate() { return startDate; }
    public LocalDate getEndDate() { return endDate; }

    /** The requested collections' ids, the primary first: counted and provisioned in this order. */
    public List<String> requestedCollections() {
        Set<String> ids = new LinkedHashSet<>();
        if (datasetId != null) {
            ids.add(datasetId);
        }
        datasets.stream().map(RequestedDataset::getDatasetId).filter(Objects::nonNull).forEach(ids::add);
        return List.copyOf(ids);
    }

    /** True for the lead and for team members signed in under their listed username. */
    public boolean isOnTeam(String username) {
        return leadUsername.equals(username)
                || team.stream().anyMatch(m -> m.getUsername() != null && m.getUsername().equals(username));
    }
    public ApplicationState getState() { return state; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getDecidedAt() { return decidedAt; }
    public String getDecisionReason() { return decisionReason; }
    public Long getProvisionedFiles() { return provisionedFiles; }
    public String getManifestSha256() { return manifestSha256; }
    public long getVersion() { return version; }
    public int getReviewRound() { return reviewRound; }
}

package uk.nip.portal.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationEvent;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.application.Article6Condition;
import uk.nip.governance.application.Article9Condition;
import uk.nip.governance.application.CohortSex;
import uk.nip.governance.application.ComputeNeeds;
import uk.nip.governance.application.DocumentSummary;
import uk.nip.governance.application.DraftForm;
import uk.nip.governance.application.PdfUpload;
import uk.nip.governance.application.ProvisionedCollection;
import uk.nip.governance.application.PurposeCategory;
import uk.nip.governance.application.RequestedDataset;
import uk.nip.governance.application.Sector;
import uk.nip.governance.application.SupportingDocument;
import uk.nip.governance.application.TeamMember;
import uk.nip.governance.application.ValidationException;
import uk.nip.governance.domain.Actor;

/** Applications for programs: every call is checked against the caller and this application. */
@Path("applications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApplicationResource {

    public record Member(String name, String email, String username, String role, String orcid) {
        static Member of(TeamMember m) {
            return new Member(m.getName(), m.getEmail(), m.getUsername(), m.getRole(), m.getOrcid());
        }

        TeamMember value() {
            return new TeamMember(name, email, username, role, orcid);
        }
    }

    public record DatasetRequest(String datasetId, String modalities, String bodyParts, LocalDate studyDateFrom,
            LocalDate studyDateTo, Integer ageFrom, Integer ageTo, CohortSex sex) {
        static DatasetRequest of(RequestedDataset d) {
            return new DatasetRequest(d.getDatasetId(), d.getModalities(), d.getBodyParts(), d.getStudyDateFrom(),
                    d.getStudyDateTo(), d.getAgeFrom(), d.getAgeTo(), d.getSex());
        }

        RequestedDataset value() {
            return new RequestedDataset(datasetId, modalities, bodyParts, studyDateFrom, studyDateTo, ageFrom, ageTo,
                    sex);
        }
    }

    public record Compute(Integer cpuCores, Integer gpus, Integer storageGb, Integer months) {
        static Compute of(ComputeNeeds c) {
            return new Compute(c.getCpuCores(), c.getGpus(), c.getStorageGb(), c.getMonths());
        }

        ComputeNeeds value() {
            return new ComputeNeeds(cpuCores, gpus, storageGb, months);
        }
    }

    public record ApplicationView(long id, String reference, String title, String laySummary, String publicBenefit,
            String technicalSummary, PurposeCategory purpose, Boolean commercial, String organisation, Sector sector,
            String lead, List<Member> team, List<String> funders, String ethicsReference, LocalDate ethicsExpiry,
            Article6Condition article6, Article9Condition article9, String datasetId, List<DatasetRequest> datasets,
            String minimisationJustification, Compute compute, LocalDate startDate, LocalDate endDate, String state,
            Instant createdAt, Instant decidedAt, String decisionReason, Long provisionedFiles,
            String manifestSha256, long version) {
        static ApplicationView of(Application a) {
            return new ApplicationView(a.getId(), a.getReference(), a.getTitle(), a.getLaySummary(),
                    a.getPublicBenefit(), a.getTechnicalSummary(), a.getPurpose(), a.getCommercial(),
                    a.getOrganisation(), a.getSector(), a.getLeadUsername(),
                    a.getTeam().stream().map(Member::of).toList(), a.getFunders(), a.getEthicsReference(),
                    a.getEthicsExpiry(), a.getArticle6(), a.getArticle9(), a.getDatasetId(),
                    a.getDatasets().stream().map(DatasetRequest::of).toList(), a.getMinimisationJustification(),
                    Compute.of(a.getCompute()), a.getStartDate(), a.getEndDate(), a.getState().name(),
                    a.getCreatedAt(), a.getDecidedAt(), a.getDecisionReason(), a.getProvisionedFiles(),
                    a.getManifestSha256(), a.getVersion());
        }
    }

    /**
     * The whole draft, as the researcher has it now; absent fields are saved empty. {@code datasetId}
     * alone is shorthand for one whole dataset without cohort criteria.
     */
    public record DraftRequest(String title, String laySummary, String publicBenefit, String technicalSummary,
            PurposeCategory purpose, Boolean commercial, String organisation, Sector sector, List<Member> team,
            List<String> funders, String ethicsReference, LocalDate ethicsExpiry, Article6Condition article6,
            Article9Condition article9, String datasetId, List<DatasetRequest> datasets,
            String minimisationJustification, Compute compute, LocalDate startDate, LocalDate endDate, Long version) {
        DraftForm form() {
            List<RequestedDataset> requested = datasets != null
                    ? datasets.stream().filter(Objects::nonNull).map(DatasetRequest::value).toList()
                    : datasetId == null ? List.of() : List.of(RequestedDataset.whole(datasetId));
            return new DraftForm(title, laySummary, technicalSummary, publicBenefit, purpose, commercial, organisation,
                    sector, team == null ? null : team.stream().filter(Objects::nonNull).map(Member::value).toList(),
                    funders, ethicsReference, ethicsExpiry, article6, article9, requested, minimisationJustification,
                    compute == null ? null : compute.value(), startDate, endDate);
        }
    }

    public record WithdrawRequest(String reason) {
    }

    public record DecisionRequest(Boolean approve, String reason) {
    }

    /** outcome: "complete" sends the application to the committee, "return" sends it back to the applicant. */
    public record ScreeningRequest(String outcome, String reason) {
    }

    public record EventView(String action, String fromState, String toState, String actor, String role, Instant at,
            String reason, String origin) {
        static EventView of(ApplicationEvent e) {
            return new EventView(e.getAction().name(), e.getFromState() == null ? null : e.getFromState().name(),
                    e.getToState().name(), e.getActor(), e.getRole(), e.getAt(), e.getReason(), e.getOrigin());
        }
    }

    /** A collection provisioned into the project's folder; quarantined and when are null for those provisioned before they were kept. */
    public record CollectionView(String datasetId, long filesProvisioned, Long filesQuarantined, String manifestSha256,
            Instant provisionedAt) {
        static CollectionView of(ProvisionedCollection c) {
            return new CollectionView(c.getDatasetId(), c.getFilesProvisioned(), c.getFilesQuarantined(),
                    c.getManifestSha256(), c.getProvisionedAt());
        }
    }

    @Inject
    Actor actor;

    @Inject
    ApplicationService applications;

    @GET
    public List<ApplicationView> list() {
        return applications.visibleTo(actor).stream().map(ApplicationView::of).toList();
    }

    @POST
    public Response create(DraftRequest request) {
        Application app = applications.createDraft(actor, required(request).form());
        return Response.created(URI.create("/api/applications/" + app.getId())).entity(ApplicationView.of(app))
                .build();
    }

    @GET
    @Path("{id}")
    public ApplicationView get(@PathParam("id") long id) {
        return ApplicationView.of(applications.get(actor, id));
    }

    @PUT
    @Path("{id}")
    public ApplicationView save(@PathParam("id") long id, DraftRequest request) {
        DraftRequest r = required(request);
        if (r.version() == null) {
            throw new ValidationException(Map.of("version",
                    "Send the version you edited, so a concurrent change is detected instead of overwritten."));
        }
        return ApplicationView.of(applications.saveDraft(actor, id, r.version(), r.form()));
    }

    @POST
    @Path("{id}/submit")
    public ApplicationView submit(@PathParam("id") long id) {
        return ApplicationView.of(applications.submit(actor, id));
    }

    @POST
    @Path("{id}/decision")
    public ApplicationView decide(@PathParam("id") long id, DecisionRequest request) {
        if (request == null || request.approve() == null) {
            throw new ValidationException(Map.of("approve", "Say whether the application is approved (true or false)."));
        }
        return ApplicationView.of(applications.decide(actor, id, request.approve(), request.reason()));
    }

    @POST
    @Path("{id}/screening")
    public ApplicationView screen(@PathParam("id") long id, ScreeningRequest request) {
        String outcome = request == null ? null : request.outcome();
        if (!"complete".equals(outcome) && !"return".equals(outcome)) {
            throw new ValidationException(Map.of("outcome",
                    "Say 'complete' to send the application to the committee or 'return' to send it back."));
        }
        return ApplicationView.of(applications.screen(actor, id, "complete".equals(outcome), request.reason()));
    }

    @POST
    @Path("{id}/withdraw")
    public ApplicationView withdraw(@PathParam("id") long id, WithdrawRequest request) {
        return ApplicationView.of(applications.withdraw(actor, id, request == null ? null : request.reason()));
    }

    /**
     * A supporting PDF as the raw request body, its name in X-Filename. Any content type is taken:
     * the bytes are checked, not the label, so every refusal can say what is wrong.
     */
    @POST
    @Path("{id}/documents")
    @Consumes(MediaType.WILDCARD)
    public Response upload(@PathParam("id") long id, @HeaderParam("X-Filename") String filename, InputStream body)
            throws IOException {
        // One byte past the limit is enough to refuse; an oversized body is never held whole.
        byte[] content = body == null ? new byte[0] : body.readNBytes((int) PdfUpload.MAX_BYTES + 1);
        DocumentSummary doc = applications.addDocument(actor, id, filename, content);
        return Response.created(URI.create("/api/applications/" + id + "/documents/" + doc.id())).entity(doc).build();
    }

    @GET
    @Path("{id}/documents")
    public List<DocumentSummary> documents(@PathParam("id") long id) {
        return applications.documents(actor, id);
    }

    @GET
    @Path("{id}/documents/{docId}")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    public Response download(@PathParam("id") long id, @PathParam("docId") long docId) {
        SupportingDocument doc = applications.download(actor, id, docId);
        return Response.ok(doc.getContent(), "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"" + doc.getFilename() + "\"")
                .header("X-Content-SHA256", doc.getSha256())
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    @GET
    @Path("{id}/history")
    public List<EventView> history(@PathParam("id") long id) {
        return applications.history(actor, id).stream().map(EventView::of).toList();
    }

    /** What the broker provisioned into the project's folder, collection by collection, first to last. */
    @GET
    @Path("{id}/collections")
    public List<CollectionView> collections(@PathParam("id") long id) {
        return applications.provisionedCollections(actor, id).stream().map(CollectionView::of).toList();
    }

    private static DraftRequest required(DraftRequest request) {
        if (request == null) {
            throw new ValidationException(Map.of("body", "Send the application as a JSON object."));
        }
        return request;
    }
}

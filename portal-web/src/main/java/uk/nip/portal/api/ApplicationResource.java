package uk.nip.portal.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationEvent;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.application.DraftForm;
import uk.nip.governance.application.ValidationException;
import uk.nip.governance.domain.Actor;

/** Applications for programs: every call is checked against the caller and this application. */
@Path("applications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApplicationResource {

    public record ApplicationView(long id, String reference, String title, String laySummary, String publicBenefit,
            String technicalSummary, String organisation, String lead, String datasetId, String state,
            Instant createdAt, Instant decidedAt, String decisionReason, Long provisionedFiles,
            String manifestSha256, long version) {
        static ApplicationView of(Application a) {
            return new ApplicationView(a.getId(), a.getReference(), a.getTitle(), a.getLaySummary(),
                    a.getPublicBenefit(), a.getTechnicalSummary(), a.getOrganisation(), a.getLeadUsername(),
                    a.getDatasetId(), a.getState().name(), a.getCreatedAt(), a.getDecidedAt(),
                    a.getDecisionReason(), a.getProvisionedFiles(), a.getManifestSha256(), a.getVersion());
        }
    }

    public record DraftRequest(String title, String laySummary, String publicBenefit, String technicalSummary,
            String organisation, String datasetId, Long version) {
        DraftForm form() {
            return new DraftForm(title, laySummary, publicBenefit, technicalSummary, organisation, datasetId);
        }
    }

    public record DecisionRequest(Boolean approve, String reason) {
    }

    public record EventView(String action, String fromState, String toState, String actor, String role, Instant at,
            String reason, String origin) {
        static EventView of(ApplicationEvent e) {
            return new EventView(e.getAction().name(), e.getFromState() == null ? null : e.getFromState().name(),
                    e.getToState().name(), e.getActor(), e.getRole(), e.getAt(), e.getReason(), e.getOrigin());
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

    @GET
    @Path("{id}/history")
    public List<EventView> history(@PathParam("id") long id) {
        return applications.history(actor, id).stream().map(EventView::of).toList();
    }

    private static DraftRequest required(DraftRequest request) {
        if (request == null) {
            throw new ValidationException(Map.of("body", "Send the application as a JSON object."));
        }
        return request;
    }
}

package uk.nip.portal.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import uk.nip.governance.agreement.AgreementService;
import uk.nip.governance.agreement.AgreementSummary;
import uk.nip.governance.agreement.AgreementValidationException;
import uk.nip.governance.agreement.DataSharingAgreement;
import uk.nip.governance.agreement.RevocationGround;
import uk.nip.governance.domain.Actor;
import uk.nip.portal.api.ApplicationResource.ApplicationView;

/**
 * Data-sharing agreements of one application: its versions, their PDFs, signatures and revocation.
 * Under /api/applications (the same root as ApplicationResource, so neither hides the other's paths),
 * where the signed-in API constraint covers it; the service checks each object.
 */
@Path("applications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgreementResource {

    /** The hash of the PDF the signer read; the signature binds it. */
    public record SignatureRequest(String sha256) {
    }

    /** A ground from the revocation clause (BREACH, ETHICS_APPROVAL_ENDED, ...) and what happened. */
    public record RevocationRequest(String ground, String statement) {
    }

    /** A renewed ethics approval a custodian has seen: its reference and the date it expires (2027-03-31). */
    public record EthicsApprovalRequest(String ethicsReference, String ethicsExpiry) {
    }

    /** Issues the next version (an amendment or renewal of an active project); the chair says why. */
    public record IssueRequest(String reason) {
    }

    @Inject
    Actor actor;

    @Inject
    AgreementService agreements;

    @GET
    @Path("{id}/agreements")
    public List<AgreementSummary> list(@PathParam("id") long id) {
        return agreements.agreements(actor, id);
    }

    @POST
    @Path("{id}/agreements")
    public Response issue(@PathParam("id") long id, IssueRequest request) {
        AgreementSummary issued = agreements.issue(actor, id, request == null ? null : request.reason());
        return Response.created(URI.create("/api/applications/" + id + "/agreements/" + issued.version() + "/pdf"))
                .entity(issued).build();
    }

    @GET
    @Path("{id}/agreements/{version}/pdf")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    public Response pdf(@PathParam("id") long id, @PathParam("version") int version) {
        DataSharingAgreement a = agreements.pdf(actor, id, version);
        return Response.ok(a.getPdf(), "application/pdf")
                .header("Content-Disposition", "attachment; filename=\"agreement-" + id + "-v" + version + ".pdf\"")
                .header("X-Content-SHA256", a.getSha256())
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    @POST
    @Path("{id}/agreements/{version}/signatures")
    public AgreementSummary sign(@PathParam("id") long id, @PathParam("version") int version,
            SignatureRequest request) {
        return agreements.sign(actor, id, version, request == null ? null : request.sha256());
    }

    @POST
    @Path("{id}/revocation")
    public ApplicationView revoke(@PathParam("id") long id, RevocationRequest request) {
        RevocationGround ground = ground(request == null ? null : request.ground());
        return ApplicationView.of(agreements.revoke(actor, id, ground, request == null ? null : request.statement()));
    }

    /** A custodian records a renewed ethics approval; a suspended project's access resumes. */
    @POST
    @Path("{id}/ethics-approval")
    public ApplicationView renewEthicsApproval(@PathParam("id") long id, EthicsApprovalRequest request) {
        LocalDate expiry = date("ethicsExpiry", request == null ? null : request.ethicsExpiry());
        return ApplicationView.of(agreements.recordRenewedEthicsApproval(actor, id,
                request == null ? null : request.ethicsReference(), expiry));
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new AgreementValidationException(field, "'" + value + "' is not a date; write it as 2027-03-31.");
        }
    }

    /** An unknown ground is named back with the ones that exist, rather than failing JSON binding. */
    private static RevocationGround ground(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return RevocationGround.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AgreementValidationException("ground", "'" + name + "' is not a ground for revocation; use one of "
                    + Arrays.stream(RevocationGround.values()).map(Enum::name).collect(Collectors.joining(", ")) + ".");
        }
    }
}

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
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import uk.nip.governance.application.ValidationException;
import uk.nip.governance.catalogue.Catalogue;
import uk.nip.governance.catalogue.CollectionForm;
import uk.nip.governance.catalogue.Dataset;
import uk.nip.governance.catalogue.DuoCode;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.NotFoundException;

/**
 * Public catalogue metadata (the archive location stays internal); custodians add and edit
 * collections (POST, PUT; web.xml asks for the custodian role and the service checks again).
 */
@Path("catalogue")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CatalogueResource {

    public record Restriction(String code, String label) {
    }

    public record CollectionView(String id, String title, String description, String dataController,
            String modalities, String bodyParts, long patientCount, long instanceCount, LocalDate dateFrom,
            LocalDate dateTo, String useRestrictions, List<Restriction> restrictions, LocalDate useUntil,
            long version) {
        static CollectionView of(Dataset d) {
            return new CollectionView(d.getId(), d.getTitle(), d.getDescription(), d.getDataController(),
                    d.getModalities(), d.getBodyParts(), d.getPatientCount(), d.getInstanceCount(), d.getDateFrom(),
                    d.getDateTo(), d.getDuoCodes(),
                    d.restrictions().stream().map(c -> new Restriction(c.curie(), c.label())).toList(),
                    d.getUseUntil(), d.getVersion());
        }
    }

    /**
     * A collection as a custodian describes it. {@code id} is read when adding only; {@code version}
     * is required when editing, so a concurrent change is detected instead of overwritten.
     */
    public record CollectionRequest(String id, String title, String description, String dataController,
            String modalities, String bodyParts, Long patientCount, Long instanceCount, LocalDate dateFrom,
            LocalDate dateTo, List<String> duoCodes, LocalDate useUntil, String archiveLocation, Long version) {
        CollectionForm form() {
            return new CollectionForm(id, title, description, dataController, modalities, bodyParts, patientCount,
                    instanceCount, dateFrom, dateTo, duoCodes, useUntil, archiveLocation);
        }
    }

    @Inject
    Catalogue catalogue;

    @Inject
    Actor actor;

    @GET
    public List<CollectionView> collections() {
        return catalogue.collections().stream().map(CollectionView::of).toList();
    }

    @GET
    @Path("{id}")
    public CollectionView collection(@PathParam("id") String id) {
        return CollectionView.of(catalogue.find(id)
                .orElseThrow(() -> new NotFoundException("There is no collection '" + id + "'.")));
    }

    /** The Data Use Ontology terms a collection may carry, with their labels. */
    @GET
    @Path("duo-codes")
    public List<Restriction> duoCodes() {
        return java.util.Arrays.stream(DuoCode.values()).map(c -> new Restriction(c.curie(), c.label())).toList();
    }

    @POST
    public Response add(CollectionRequest request) {
        Dataset d = catalogue.add(actor, required(request).form());
        return Response.created(URI.create("/api/catalogue/" + d.getId())).entity(CollectionView.of(d)).build();
    }

    @PUT
    @Path("{id}")
    public CollectionView update(@PathParam("id") String id, CollectionRequest request) {
        CollectionRequest r = required(request);
        if (r.version() == null) {
            throw new ValidationException("The collection cannot be saved yet", Map.of("version",
                    "Send the version you edited, so a concurrent change is detected instead of overwritten."));
        }
        return CollectionView.of(catalogue.update(actor, id, r.version(), r.form()));
    }

    private static CollectionRequest required(CollectionRequest request) {
        if (request == null) {
            throw new ValidationException("The collection cannot be saved yet",
                    Map.of("body", "Send the collection as a JSON object."));
        }
        return request;
    }
}

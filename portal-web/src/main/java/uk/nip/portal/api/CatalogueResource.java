package uk.nip.portal.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import uk.nip.governance.catalogue.Catalogue;

/** Public catalogue metadata; the archive location stays internal. */
@Path("catalogue")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogueResource {

    public record CollectionView(String id, String title, String description, String dataController,
            String modalities, String bodyParts, long patientCount, long instanceCount, LocalDate dateFrom,
            LocalDate dateTo, String useRestrictions) {
    }

    @Inject
    Catalogue catalogue;

    @GET
    public List<CollectionView> collections() {
        return catalogue.collections().stream().map(d -> new CollectionView(d.getId(), d.getTitle(),
                d.getDescription(), d.getDataController(), d.getModalities(), d.getBodyParts(), d.getPatientCount(),
                d.getInstanceCount(), d.getDateFrom(), d.getDateTo(), d.getDuoCodes())).toList();
    }
}

package uk.nip.workflow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import uk.nip.governance.catalogue.Catalogue;
import uk.nip.governance.catalogue.Dataset;

/** For process expressions: where the broker finds a catalogue collection in its archive. */
@ApplicationScoped
@Named("archiveLocation")
public class ArchiveLocation {

    @Inject
    Catalogue catalogue;

    public String of(String datasetId) {
        return of(catalogue, datasetId);
    }

    static String of(Catalogue catalogue, String datasetId) {
        return catalogue.find(datasetId).map(Dataset::getArchiveLocation).orElse(datasetId);
    }
}

package uk.nip.portal.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import uk.nip.governance.catalogue.Catalogue;
import uk.nip.governance.catalogue.Dataset;

@Named
@RequestScoped
public class CatalogueView {

    @Inject
    Catalogue catalogue;

    private List<Dataset> collections;

    public List<Dataset> getCollections() {
        if (collections == null) {
            collections = catalogue.collections();
        }
        return collections;
    }
}

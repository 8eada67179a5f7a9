package uk.nip.governance.register;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import uk.nip.governance.application.Application;
import uk.nip.governance.catalogue.Catalogue;
import uk.nip.governance.catalogue.Dataset;
import uk.nip.governance.domain.ApplicationState;

/** The public register of approved uses: needs no login and shows register fields only. */
@ApplicationScoped
@Transactional
public class TransparencyRegister {

    static final String ACCESS_TYPE = "Trusted research environment (sandbox only)";

    @PersistenceContext
    EntityManager em;

    @Inject
    Catalogue catalogue;

    public List<RegisterEntry> entries() {
        List<ApplicationState> states = Arrays.stream(ApplicationState.values()).filter(ApplicationState::isOnRegister)
                .toList();
        return em.createQuery("select a from Application a where a.state in :states order by a.decidedAt desc",
                Application.class).setParameter("states", states).getResultList().stream()
                .map(this::entry).toList();
    }

    private RegisterEntry entry(Application a) {
        String dataset = catalogue.find(a.getDatasetId()).map(Dataset::getTitle).orElse(a.getDatasetId());
        return new RegisterEntry(a.getReference(), a.getTitle(), a.getLaySummary(), a.getPublicBenefit(),
                a.getOrganisation(), dataset, ACCESS_TYPE, a.getState().label(),
                a.getDecidedAt() == null ? null : a.getDecidedAt().atZone(ZoneOffset.UTC).toLocalDate());
    }
}

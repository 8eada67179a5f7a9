package uk.nip.governance.register;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Locale;
import uk.nip.governance.application.Application;
import uk.nip.governance.agreement.RevocationGround;
import uk.nip.governance.catalogue.Catalogue;
import uk.nip.governance.catalogue.Dataset;
import uk.nip.governance.domain.ApplicationState;
import uk.nip.governance.teardown.Teardown;

/** The public register of approved uses: needs no login and shows register fields only. */
@ApplicationScoped
@Transactional
public class TransparencyRegister {

    static final String ACCESS_TYPE = "Trusted research environment (sandbox only)";

    @PersistenceContext
    EntityManager em;

    @Inject
    Catalogue catalogue;

    @Inject
    Teardown teardown;

    public List<RegisterEntry> entries() {
        List<ApplicationState> states = Arrays.stream(ApplicationState.values()).filter(ApplicationState::isOnRegister)
                .toList();
        return em.createQuery("select a from Application a where a.state in :states order by a.decidedAt desc",
                Application.class).setParameter("states", states).getResultList().stream()
                .map(this::entry).toList();
    }

    private RegisterEntry entry(Application a) {
        // every collection the use covers, amendments included, not only the first requested
        String dataset = a.requestedCollections().stream()
                .map(id -> catalogue.find(id).map(Dataset::getTitle).orElse(id))
                .collect(Collectors.joining("; "));
        return new RegisterEntry(a.getReference(), a.getTitle(), a.getLaySummary(), a.getPublicBenefit(),
                a.getOrganisation(), dataset, ACCESS_TYPE, status(a),
                a.getDecidedAt() == null ? null : a.getDecidedAt().atZone(ZoneOffset.UTC).toLocalDate());
    }

    /** A closed use says how it ended: "Closed (revoked: Breach of the agreement)" or "Closed (expired)". */
    private String status(Application a) {
        if (a.getState() != ApplicationState.CLOSED) {
            return a.getState().label();
        }
        return teardown.latest(a.getId()).map(t -> "Closed (" + t.getEndedAs().toLowerCase(Locale.ROOT)
                + (t.getGround() == null ? "" : ": " + groundLabel(t.getGround())) + ")").orElse(a.getState().label());
    }

    private static String groundLabel(String ground) {
        try {
            return RevocationGround.valueOf(ground).label();
        } catch (IllegalArgumentException e) {
            return ground;
        }
    }
}

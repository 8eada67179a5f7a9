package uk.nip.governance.register;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import uk.nip.governance.agreement.RevocationGround;
import uk.nip.governance.application.AmendmentStatus;
import uk.nip.governance.application.Application;
import uk.nip.governance.catalogue.Catalogue;
import uk.nip.governance.catalogue.Dataset;
import uk.nip.governance.domain.ApplicationAction;
import uk.nip.governance.domain.ApplicationState;
import uk.nip.governance.teardown.DestructionAttestation;
import uk.nip.governance.teardown.Teardown;

/** The public register of approved uses: needs no login and shows register fields only. */
@ApplicationScoped
@Transactional
public class TransparencyRegister {

    static final String ACCESS_TYPE = "Trusted research environment (sandbox only)";
    static final String PRIVACY_ENHANCING = "De-identified to DICOM PS3.15 Annex E (Basic Application Level "
            + "Confidentiality Profile), with pseudonyms and UIDs of the project's own";

    @PersistenceContext
    EntityManager em;

    @Inject
    Catalogue catalogue;

    @Inject
    Teardown teardown;

    public List<RegisterEntry> entries() {
        return entries(RegisterQuery.EVERYTHING);
    }

    /** The entries matching a search, most recently approved first. */
    public List<RegisterEntry> entries(RegisterQuery query) {
        List<ApplicationState> states = Arrays.stream(ApplicationState.values()).filter(ApplicationState::isOnRegister)
                .toList();
        List<Application> uses = em.createQuery("select a from Application a where a.state in :states "
                + "order by a.decidedAt desc", Application.class).setParameter("states", states).getResultList();
        Map<Long, Instant> submitted = firstSubmissions();
        Map<Long, Instant> amendmentsApproved = latestApprovedAmendments();
        return uses.stream().map(a -> entry(a, submitted.get(a.getId()), amendmentsApproved.get(a.getId())))
                .filter(query::matches).toList();
    }

    public RegisterStatistics statistics(RegisterQuery query) {
        return RegisterStatistics.of(entries(query));
    }

    private Map<Long, Instant> firstSubmissions() {
        Map<Long, Instant> out = new HashMap<>();
        em.createQuery("select e.applicationId, min(e.at) from ApplicationEvent e where e.action = :submit "
                + "group by e.applicationId", Object[].class).setParameter("submit", ApplicationAction.SUBMIT)
                .getResultList().forEach(r -> out.put((Long) r[0], (Instant) r[1]));
        return out;
    }

    /** An approved amendment or renewal is a later approval of the same use, once or while it stands. */
    private Map<Long, Instant> latestApprovedAmendments() {
        Map<Long, Instant> out = new HashMap<>();
        em.createQuery("select a.applicationId, max(a.decidedAt) from Amendment a where a.status in :approved "
                + "group by a.applicationId", Object[].class)
                .setParameter("approved", List.of(AmendmentStatus.APPROVED, AmendmentStatus.IN_EFFECT))
                .getResultList().forEach(r -> out.put((Long) r[0], (Instant) r[1]));
        return out;
    }

    private RegisterEntry entry(Application a, Instant submittedAt, Instant amendmentApprovedAt) {
        // every collection the use covers, amendments included, not only the first requested
        String datasets = a.requestedCollections().stream()
                .map(id -> catalogue.find(id).map(Dataset::getTitle).orElse(id))
                .collect(Collectors.joining("; "));
        Instant latestApproval = a.getDecidedAt();
        if (amendmentApprovedAt != null && (latestApproval == null || amendmentApprovedAt.isAfter(latestApproval))) {
            latestApproval = amendmentApprovedAt;
        }
        Long turnaround = submittedAt == null || a.getDecidedAt() == null ? null
                : Duration.between(submittedAt, a.getDecidedAt()).toDays();
        Optional<DestructionAttestation> ended = a.getState() == ApplicationState.CLOSED
                || a.getState() == ApplicationState.REVOKED ? teardown.latest(a.getId()) : Optional.empty();
        String ground = ended.map(DestructionAttestation::getGround).map(TransparencyRegister::groundLabel).orElse(null);
        return new RegisterEntry(a.getReference(), a.getTitle(), a.getLaySummary(), a.getPublicBenefit(),
                a.getTechnicalSummary(), a.getOrganisation(), a.getSector() == null ? null : a.getSector().label(),
                String.join("; ", a.getFunders()), a.getPurpose() == null ? null : a.getPurpose().label(),
                a.getCommercial(), datasets, ACCESS_TYPE, legalBasis(a), true, PRIVACY_ENHANCING, a.getStartDate(),
                a.getEndDate(), status(a, ended), a.getState().name(), ground, day(submittedAt), day(latestApproval),
                turnaround);
    }

    private static LocalDate day(Instant at) {
        return at == null ? null : at.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static String legalBasis(Application a) {
        List<String> parts = new ArrayList<>();
        if (a.getArticle6() != null) {
            parts.add("UK GDPR Article " + a.getArticle6().label());
        }
        if (a.getArticle9() != null) {
            parts.add("Article " + a.getArticle9().label());
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /** A closed use says how it ended: "Closed (revoked: Breach of the agreement)" or "Closed (expired)". */
    private static String status(Application a, Optional<DestructionAttestation> ended) {
        if (a.getState() != ApplicationState.CLOSED) {
            return a.getState().label();
        }
        return ended.map(t -> "Closed (" + t.getEndedAs().toLowerCase(Locale.ROOT)
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

package uk.nip.portal.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import uk.nip.governance.agreement.AgreementService;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.application.ValidationException;
import uk.nip.governance.domain.ApplicationState;
import uk.nip.governance.domain.GovernanceException;
import uk.nip.portal.infra.CurrentActor;

/**
 * A custodian records a project's renewed ethics approval, having seen it: a suspended project's
 * access resumes, and the new expiry date is the one watched.
 */
@Named
@ViewScoped
public class EthicsRenewalView implements Serializable {

    @Inject
    transient ApplicationService applications;

    @Inject
    transient AgreementService agreements;

    @Inject
    transient CurrentActor current;

    private final RenderCache cache = new RenderCache();
    private Long applicationId;
    private String ethicsReference;
    private LocalDate ethicsExpiry;

    /** Projects whose access is active or suspended, suspended first. */
    public List<Application> getProjects() {
        return cache.get("projects", () -> applications.visibleTo(current.actor()).stream()
                .filter(a -> a.getState() == ApplicationState.SUSPENDED || a.getState() == ApplicationState.ACTIVE)
                .sorted(Comparator.comparing((Application a) -> a.getState() != ApplicationState.SUSPENDED))
                .toList());
    }

    public void record() {
        if (applicationId == null) {
            Messages.refused(new ValidationException(
                    Map.of("applicationId", "Choose the project whose approval was renewed.")), "ethics");
            return;
        }
        try {
            Application app = agreements.recordRenewedEthicsApproval(current.actor(), applicationId, ethicsReference,
                    ethicsExpiry);
            Messages.info("Renewed ethics approval recorded for " + app.getReference() + ": it is "
                    + app.getState().label().toLowerCase(Locale.ROOT) + ", with approval until "
                    + app.getEthicsExpiry() + ".");
            applicationId = null;
            ethicsReference = null;
            ethicsExpiry = null;
        } catch (GovernanceException e) {
            Messages.refused(e, "ethics");
        }
    }

    public Long getApplicationId() { return applicationId; }
    public void setApplicationId(Long applicationId) { this.applicationId = applicationId; }
    public String getEthicsReference() { return ethicsReference; }
    public void setEthicsReference(String ethicsReference) { this.ethicsReference = ethicsReference; }
    public LocalDate getEthicsExpiry() { return ethicsExpiry; }
    public void setEthicsExpiry(LocalDate ethicsExpiry) { this.ethicsExpiry = ethicsExpiry; }
}

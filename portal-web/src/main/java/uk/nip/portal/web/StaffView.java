package uk.nip.portal.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.application.ProvisionedCollection;
import uk.nip.governance.audit.AuditRecord;
import uk.nip.governance.audit.AuditTrail;
import uk.nip.governance.audit.ChainVerification;
import uk.nip.governance.domain.GovernanceException;
import uk.nip.portal.infra.CurrentActor;

/** Custodian, auditor and administrator pages: what each may see, checked by the services. */
@Named
@RequestScoped
public class StaffView {

    @Inject
    ApplicationService applications;

    @Inject
    AuditTrail audit;

    @Inject
    CurrentActor current;

    private ChainVerification verification;
    private final RenderCache cache = new RenderCache();

    public List<Application> getApplications() {
        return cache.get("applications", () -> applications.visibleTo(current.actor()));
    }

    /** What the broker provisioned into this application's project folder, collection by collection. */
    public List<ProvisionedCollection> collections(Application a) {
        Map<Long, List<ProvisionedCollection>> all = cache.get("collections",
                () -> applications.provisionedCollections(current.actor(), getApplications()));
        return all.getOrDefault(a.getId(), List.of());
    }

    public List<AuditRecord> getLatestAudit() {
        return audit.latest(current.actor(), 200);
    }

    public void verifyChain() {
        try {
            verification = audit.verify(current.actor());
        } catch (GovernanceException e) {
            Messages.refused(e, "audit");
        }
    }

    public ChainVerification getVerification() {
        return verification;
    }

    public String getHeadHash() {
        return audit.headHash();
    }
}

package uk.nip.portal.web;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import uk.nip.governance.agreement.AgreementService;
import uk.nip.governance.agreement.AgreementStatus;
import uk.nip.governance.agreement.AgreementSummary;
import uk.nip.governance.agreement.RevocationGround;
import uk.nip.governance.agreement.SignatoryParty;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.ApplicationAction;
import uk.nip.governance.domain.GovernanceException;
import uk.nip.governance.domain.Lifecycle;
import uk.nip.portal.infra.CurrentActor;

/**
 * One application's data-sharing agreements: every version with its hash and signatures, signing
 * for whoever may sign the current version, and revocation for chairs and custodians.
 */
@Named
@ViewScoped
public class AgreementsView implements Serializable {

    @Inject
    transient ApplicationService applications;

    @Inject
    transient AgreementService agreements;

    @Inject
    transient CurrentActor current;

    private Long applicationId;
    private Application application;
    private List<AgreementSummary> versions = List.of();
    /** When no application is named: the approved ones this person may see, to choose from. */
    private List<Application> approvedApplications;
    /** The version and hash the Sign button was shown with: what the signer saw is what is signed. */
    private Integer signVersion;
    private String signHash;
    private RevocationGround ground;
    private String statement;
    private String issueReason;

    /** Reads the application named in ?application=ID when the page is first opened. */
    @PostConstruct
    void open() {
        String param = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap()
                .get("application");
        try {
            applicationId = param == null || param.isBlank() ? null : Long.valueOf(param.strip());
        } catch (NumberFormatException e) {
            applicationId = null;
        }
        if (applicationId == null) {
            // Arriving without ?application= (a link followed before signing in loses it): offer the choices.
            approvedApplications = applications.visibleTo(current.actor()).stream()
                    .filter(a -> a.getState().isOnRegister()).toList();
            return;
        }
        load();
    }

    /** The title of the page: which application's agreements these are. */
    public String getHeading() {
        return application == null ? "Data-sharing agreements"
                : "Data-sharing agreements for " + application.getReference();
    }

    /** Reads the application and its agreements again; a refusal is shown instead of the page. */
    void load() {
        application = null;
        versions = List.of();
        signVersion = null;
        signHash = null;
        try {
            Actor actor = current.actor();
            application = applications.get(actor, applicationId);
            versions = agreements.agreements(actor, applicationId);
            signable(actor).ifPresent(v -> {
                signVersion = v.version();
                signHash = v.sha256();
            });
        } catch (GovernanceException e) {
            Messages.refused(e, "sign");
        }
    }

    /** The newest version awaiting signatures, if this actor is a party that has not signed it yet. */
    private Optional<AgreementSummary> signable(Actor actor) {
        Optional<SignatoryParty> party = agreements.partyFor(actor, application);
        return versions.stream()
                .filter(v -> v.status() == AgreementStatus.AWAITING_SIGNATURES)
                .findFirst()
                .filter(v -> party.isPresent() && !v.signedBy(party.get())
                        && v.signatures().stream().noneMatch(s -> s.username().equals(actor.username())));
    }

    public void sign() {
        try {
            AgreementSummary signed = agreements.sign(current.actor(), applicationId, signVersion, signHash);
            Messages.info("You signed version " + signed.version() + " of the agreement"
                    + (signed.status() == AgreementStatus.IN_EFFECT ? "; it is now in effect." : "."));
            load();
        } catch (GovernanceException e) {
            Messages.refused(e, "sign");
        }
    }

    public void revoke() {
        try {
            agreements.revoke(current.actor(), applicationId, ground, statement);
            Messages.info("Access for " + application.getReference() + " is revoked.");
            ground = null;
            statement = null;
            load();
        } catch (GovernanceException e) {
            Messages.refused(e, "revocation");
        }
    }

    public void issue() {
        try {
            AgreementSummary issued = agreements.issue(current.actor(), applicationId, issueReason);
            Messages.info("Version " + issued.version() + " of the agreement is issued for signature.");
            issueReason = null;
            load();
        } catch (GovernanceException e) {
            Messages.refused(e, "issue");
        }
    }

    public boolean isMayRevoke() {
        return application != null && agreements.mayRevoke(current.actor(), application)
                && Lifecycle.allows(application.getState(), ApplicationAction.REVOKE);
    }

    /** Chairs issue new versions for amendments and renewals of an active project. */
    public boolean isMayIssue() {
        return application != null && agreements.mayIssue(current.actor(), application);
    }

    public String getSignParty() {
        return application == null ? null
                : agreements.partyFor(current.actor(), application).map(SignatoryParty::label).orElse(null);
    }

    public RevocationGround[] getGrounds() {
        return RevocationGround.values();
    }

    public Long getApplicationId() { return applicationId; }
    public Application getApplication() { return application; }
    public List<Application> getApprovedApplications() { return approvedApplications; }
    public List<AgreementSummary> getVersions() { return versions; }
    public Integer getSignVersion() { return signVersion; }
    public String getSignHash() { return signHash; }
    public RevocationGround getGround() { return ground; }
    public void setGround(RevocationGround ground) { this.ground = ground; }
    public String getStatement() { return statement; }
    public void setStatement(String statement) { this.statement = statement; }
    public String getIssueReason() { return issueReason; }
    public void setIssueReason(String issueReason) { this.issueReason = issueReason; }
}

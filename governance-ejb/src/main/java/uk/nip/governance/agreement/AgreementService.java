package uk.nip.governance.agreement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import uk.nip.governance.application.Amendment;
import uk.nip.governance.application.AmendmentService;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.application.RequestedDataset;
import uk.nip.governance.application.TextLimits;
import uk.nip.governance.application.ValidationException;
import uk.nip.governance.audit.AuditTrail;
import uk.nip.governance.committee.CommitteeService;
import uk.nip.governance.domain.AccessDeniedException;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.ApplicationAction;
import uk.nip.governance.domain.ApplicationState;
import uk.nip.governance.domain.IllegalTransitionException;
import uk.nip.governance.domain.NotFoundException;
import uk.nip.governance.domain.Role;

/**
 * Data-sharing agreements: issued from the current template after approval (and for each amendment
 * or renewal), signed by the lead applicant and a committee chair against the PDF's SHA-256, and
 * revoked, expired or suspended with a recorded decision and an event the workflow enforces.
 */
@ApplicationScoped
@Transactional
public class AgreementService {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    ApplicationService applications;

    @Inject
    AmendmentService amendments;

    @Inject
    CommitteeService committees;

    @Inject
    Event<AgreementIssued> issued;

    @Inject
    Event<AgreementInEffect> inEffect;

    @Inject
    Event<AccessRevoked> revoked;

    @Inject
    Event<AccessEnded> ended;

    @Inject
    Event<AccessSuspended> suspended;

    @Inject
    Event<EthicsApprovalRenewed> ethicsRenewed;

    /**
     * Issues the next agreement version. After approval this moves the application to
     * AGREEMENT_PENDING; for an active project (amendment or renewal) the state stays as it is and
     * the current agreement governs until both parties sign the new one.
     */
    public AgreementSummary issue(Actor actor, long applicationId, String reason) {
        return issue(actor, applicationId, reason, null);
    }

    /**
     * The next version for an approved amendment or renewal: the application as it will be once
     * the amendment is in effect, which it is only when both parties have signed this version.
     */
    public AgreementSummary issueForAmendment(Actor actor, long applicationId, long amendmentId, String reason) {
        if (!actor.isSystem()) {
            throw new AccessDeniedException("The workflow issues an amendment's agreement version once the chair "
                    + "approves the amendment.");
        }
        return issue(actor, applicationId, reason, amendmentId);
    }

    private AgreementSummary issue(Actor actor, long applicationId, String reason, Long amendmentId) {
        if (!actor.isSystem() && !actor.has(Role.DAC_CHAIR)) {
            throw new AccessDeniedException("Only a committee chair, or the workflow after approval, issues "
                    + "data-sharing agreements.");
        }
        if (reason == null || reason.isBlank()) {
            throw new AgreementValidationException("reason",
                    "Say why this agreement version is issued (approval, amendment or renewal).");
        }
        TextLimits.require("reason", reason, TextLimits.EVENT_REASON);
        Application app = lockedApplication(actor, applicationId);
        if (!actor.isSystem() && !committees.chairs(actor, app)) {
            throw new AccessDeniedException("Only the chair of " + committees.committeeOf(app).getName()
                    + " issues agreements for " + app.getReference() + ".");
        }
        ApplicationState state = app.getState();
        if (state != ApplicationState.APPROVED && state != ApplicationState.ACTIVE) {
            throw new IllegalTransitionException(state, ApplicationAction.ISSUE_AGREEMENT);
        }
        if (amendmentId == null) {
            refuseWhileAnAmendmentAwaitsSignatures(app);
        }
        Amendment amendment = amendmentId == null ? null : amendments.approved(app, amendmentId);
        LocalDate endDate = amendment == null ? app.getEndDate() : app.endDateWith(amendment);
        List<RequestedDataset> datasets = amendment == null ? app.getDatasets() : app.datasetsWith(amendment);
        if (endDate == null) {
            throw new AgreementValidationException("endDate", "Application " + app.getReference()
                    + " has no requested end date, so the agreement would have no expiry date.");
        }
        AgreementTemplate template = currentTemplate();
        Instant now = Instant.now();
        List<DataSharingAgreement> versions = versionsOf(applicationId);
        for (DataSharingAgreement unsigned : versions) {
            // An unsigned earlier version can no longer be signed: only the newest wording may take effect.
            if (unsigned.getStatus() == AgreementStatus.AWAITING_SIGNATURES) {
                unsigned.end(AgreementStatus.SUPERSEDED, now);
            }
        }
        int number = versions.stream().mapToInt(DataSharingAgreement::getVersionNumber).max().orElse(0) + 1;
        AgreementContent content = contentOf(app, endDate, datasets, template, number, now, actor.username(),
                reason.strip());
        byte[] pdf = AgreementPdf.render(content);
        DataSharingAgreement agreement = new DataSharingAgreement(applicationId, number, template.getVersion(), pdf,
                AgreementPdf.sha256(pdf), now, actor.username(), endDate, reason.strip());
        em.persist(agreement);
        flush(app);
        if (state == ApplicationState.APPROVED) {
            applications.recordStep(actor, applicationId, ApplicationAction.ISSUE_AGREEMENT,
                    "Agreement version " + number + " issued, sha256 " + agreement.getSha256());
        }
        audit.record(actor, "agreement.issue", "agreement", app.getReference(), "version " + number + ", template "
                + template.getVersion() + ", sha256 " + agreement.getSha256() + ", " + pdf.length + " bytes, expires "
                + agreement.getExpiryDate() + ", reason: " + agreement.getReason());
        issued.fire(new AgreementIssued(applicationId, number));
        return summaries(List.of(agreement)).get(0);
    }

    /**
     * A version issued by hand would supersede the amendment's unsigned one, which then could never
     * be signed, and the amendment would only lapse at the end of its signing period.
     */
    private void refuseWhileAnAmendmentAwaitsSignatures(Application app) {
        amendments.awaitingSignatures(app).ifPresent(a -> {
            String awaiting = versionsOf(app.getId()).stream()
                    .filter(v -> v.getStatus() == AgreementStatus.AWAITING_SIGNATURES)
                    .map(v -> "Agreement version " + v.getVersionNumber()).findFirst()
                    .orElse("The agreement version");
            throw new AgreementConflictException(awaiting + " of " + app.getReference() + " carries the approved "
                    + "amendment (" + a.summary() + ") and awaits both signatures. A new version now would "
                    + "supersede it, so the amendment could never take effect. Issue one once that version is "
                    + "signed or its signing period has ended.");
        });
    }

    /**
     * Signs one version for the party the actor is (lead applicant or committee chair), binding the
     * SHA-256 the actor saw. The second signature puts the version in effect.
     */
    public AgreementSummary sign(Actor actor, long applicationId, int version, String sha256) {
        String hash = sha256 == null ? "" : sha256.strip().toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(hash).matches()) {
            throw new AgreementValidationException("sha256", "Send the SHA-256 of the agreement PDF you read, as 64 "
                    + "hexadecimal characters.");
        }
        Application app = applications.get(actor, applicationId);
        SignatoryParty party = partyFor(actor, app).orElseThrow(() -> new AccessDeniedException(
                "Only the lead applicant (" + app.getLeadUsername() + ") and the chair of "
                        + committees.committeeOf(app).getName() + " sign the agreement for application "
                        + app.getReference() + "."));
        lock(app);
        DataSharingAgreement agreement = find(app, version);
        // a suspended, expired, revoked or lapsed project takes on nothing new by a late signature
        if (app.getState() != ApplicationState.AGREEMENT_PENDING && app.getState() != ApplicationState.ACTIVE) {
            throw new AgreementConflictException("Application " + app.getReference() + " is "
                    + app.getState().label().toLowerCase(Locale.ROOT) + ", so version " + version
                    + " of its agreement cannot be signed now.");
        }
        if (agreement.getStatus() != AgreementStatus.AWAITING_SIGNATURES) {
            throw new AgreementConflictException("Version " + version + " of the agreement for " + app.getReference()
                    + " is " + agreement.getStatus().label().toLowerCase(Locale.ROOT) + " and can no longer be signed.");
        }
        if (!agreement.getSha256().equals(hash)) {
            throw new AgreementConflictException("The document you signed (SHA-256 " + hash + ") is not version "
                    + version + " of the agreement for " + app.getReference() + " (SHA-256 " + agreement.getSha256()
                    + "). Download the PDF again, read it, and sign with its hash.");
        }
        List<AgreementSignature> signatures = signaturesOf(List.of(agreement.getId()));
        for (AgreementSignature s : signatures) {
            if (s.getParty() == party) {
                throw new AgreementConflictException("The " + party.label().toLowerCase(Locale.ROOT) + " has already signed version "
                        + version + " of the agreement for " + app.getReference() + " (" + s.getUsername() + ", "
                        + s.getSignedAt() + ").");
            }
            if (s.getUsername().equals(actor.username())) {
                throw new AgreementConflictException("You have already signed version " + version + " as "
                        + s.getParty().label().toLowerCase(Locale.ROOT) + "; the other party must be someone else.");
            }
        }
        Instant now = Instant.now();
        AgreementSignature signature = new AgreementSignature(agreement.getId(), party, actor.username(), now,
                actor.origin(), hash);
        em.persist(signature);
        flush(app);
        audit.record(actor, "agreement.sign", "agreement", app.getReference(),
                "version " + version + ", party " + party + ", sha256 " + hash);
        if (signatures.size() + 1 == SignatoryParty.values().length) {
            takeEffect(actor, app, agreement, now);
        }
        return summaries(List.of(agreement)).get(0);
    }

    /** A chair or custodian revokes access on one of the clause's grounds; the workflow enforces it. */
    public Application revoke(Actor actor, long applicationId, RevocationGround ground, String statement) {
        if (!actor.has(Role.DAC_CHAIR) && !actor.has(Role.CUSTODIAN)) {
            throw new AccessDeniedException("Only a committee chair or a data custodian may revoke access.");
        }
        if (ground == null) {
            throw new AgreementValidationException("ground", "Choose the ground for revocation: "
                    + List.of(RevocationGround.values()).stream().map(Enum::name).collect(Collectors.joining(", "))
                    + ".");
        }
        if (statement == null || statement.isBlank()) {
            throw new AgreementValidationException("statement",
                    "State what happened and why access is revoked; the statement is kept with the decision.");
        }
        TextLimits.require("statement", statement, TextLimits.AFTER_A_SUMMARY);
        Application app = lockedApplication(actor, applicationId);
        if (!mayRevoke(actor, app)) {
            throw new AccessDeniedException("Only the chair of " + committees.committeeOf(app).getName()
                    + " or a data custodian may revoke access to " + app.getReference() + ".");
        }
        String text = statement.strip();
        applications.recordStep(actor, applicationId, ApplicationAction.REVOKE,
                ground.label() + " (" + ground + "): " + text);
        Instant now = Instant.now();
        List<String> ended = new ArrayList<>();
        for (DataSharingAgreement a : versionsOf(applicationId)) {
            if (a.isLive()) {
                ended.add("v" + a.getVersionNumber() + " (" + a.getStatus() + ", sha256 " + a.getSha256() + ")");
                a.end(AgreementStatus.REVOKED, now);
            }
        }
        flush(app);
        amendments.closeWithAccess(actor, app, "access was revoked (" + ground.label() + ")");
        audit.record(actor, "agreement.revoke", "agreement", app.getReference(), "ground " + ground + "; revoked "
                + (ended.isEmpty() ? "no agreement version" : String.join(", ", ended)) + "; statement: " + text);
        revoked.fire(new AccessRevoked(applicationId, app.getReference(), ground, text, now));
        return app;
    }

    /** The agreement reached its expiry date: access ends (a timer in the workflow calls this). */
    public Application expire(Actor actor, long applicationId) {
        requireSystem(actor);
        Application app = lockedApplication(actor, applicationId);
        Optional<DataSharingAgreement> current = inEffect(applicationId);
        String which = current.map(a -> "version " + a.getVersionNumber() + " (sha256 " + a.getSha256()
                + ") expired on " + a.getExpiryDate()).orElse("no agreement in effect");
        applications.recordStep(actor, applicationId, ApplicationAction.EXPIRE, "Agreement " + which);
        Instant now = Instant.now();
        current.ifPresent(a -> a.end(AgreementStatus.EXPIRED, now));
        flush(app);
        amendments.closeWithAccess(actor, app, "access ended when the agreement expired");
        audit.record(actor, "agreement.expire", "agreement", app.getReference(), which);
        ended.fire(new AccessEnded(applicationId, app.getReference(),
                current.map(DataSharingAgreement::getVersionNumber).orElse(0), now));
        return app;
    }

    /**
     * The ethics approval's expiry date came: access is suspended until a custodian records a
     * renewed approval, unless one was recorded before this date or access is already over.
     */
    public EthicsCheck ethicsApprovalExpired(Actor actor, long applicationId) {
        requireSystem(actor);
        Application app = lockedApplication(actor, applicationId);
        if (app.getState() != ApplicationState.ACTIVE) {
            return app.getState() == ApplicationState.SUSPENDED ? EthicsCheck.SUSPENDED : EthicsCheck.ACCESS_OVER;
        }
        // the timer fires at the start of the day after the last valid day (UTC)
        if (app.getEthicsExpiry() != null && !app.getEthicsExpiry().isBefore(LocalDate.now(ZoneOffset.UTC))) {
            return EthicsCheck.STILL_VALID;
        }
        String reason = "Ethics approval " + (app.getEthicsReference() == null ? "" : app.getEthicsReference() + " ")
                + "expired" + (app.getEthicsExpiry() == null ? "" : " on " + app.getEthicsExpiry());
        applications.recordStep(actor, applicationId, ApplicationAction.SUSPEND, reason);
        Instant now = Instant.now();
        audit.record(actor, "agreement.suspend", "agreement", app.getReference(), reason);
        amendments.closeWithAccess(actor, app, "access was suspended: " + reason);
        suspended.fire(new AccessSuspended(applicationId, app.getReference(), reason, now));
        return EthicsCheck.SUSPENDED;
    }

    /**
     * A data custodian records the project's renewed ethics approval, having seen it: a suspended
     * project's access resumes, and the workflow watches the new expiry date.
     */
    public Application recordRenewedEthicsApproval(Actor actor, long applicationId, String ethicsReference,
            LocalDate ethicsExpiry) {
        if (!actor.has(Role.CUSTODIAN)) {
            throw new AccessDeniedException("Only a data custodian records a renewed ethics approval.");
        }
        Map<String, String> problems = new java.util.LinkedHashMap<>();
        if (ethicsReference == null || ethicsReference.isBlank()) {
            problems.put("ethicsReference", "Give the renewed approval's reference (for example its IRAS number).");
        } else {
            TextLimits.check(problems, "ethicsReference", ethicsReference.strip(), 100);
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Application app = lockedApplication(actor, applicationId);
        if (ethicsExpiry == null) {
            problems.put("ethicsExpiry", "Give the date the renewed approval expires.");
        } else if (ethicsExpiry.isBefore(today)) {
            problems.put("ethicsExpiry", "The renewed approval must not have expired already (" + ethicsExpiry + ").");
        } else if (app.getEthicsExpiry() != null && !ethicsExpiry.isAfter(app.getEthicsExpiry())) {
            problems.put("ethicsExpiry", "A renewed approval expires after the current one, " + app.getEthicsExpiry() + ".");
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        if (app.getState() != ApplicationState.ACTIVE && app.getState() != ApplicationState.SUSPENDED) {
            throw new AgreementConflictException("Application " + app.getReference() + " is "
                    + app.getState().label().toLowerCase(Locale.ROOT) + "; a renewed ethics approval is recorded only"
                    + " while access is active or suspended.");
        }
        String was = app.getEthicsReference() + " until " + app.getEthicsExpiry();
        app.renewEthicsApproval(ethicsReference.strip(), ethicsExpiry);
        String reason = "Ethics approval renewed: " + ethicsReference.strip() + " until " + ethicsExpiry + " (was " + was + ")";
        boolean resumed = app.getState() == ApplicationState.SUSPENDED;
        // in the application's history either way, so the team sees the date its access now runs to
        applications.recordStep(actor, applicationId,
                resumed ? ApplicationAction.RESUME : ApplicationAction.RENEW_ETHICS_APPROVAL, reason);
        flush(app);
        audit.record(actor, "agreement.ethics-renewed", "agreement", app.getReference(), reason);
        ethicsRenewed.fire(new EthicsApprovalRenewed(applicationId, app.getReference(), ethicsExpiry, resumed));
        return app;
    }

    /**
     * Ends every version still waiting for signatures once the signing period is over; an amended
     * application keeps the version in effect. Returns the version numbers that lapsed.
     */
    public List<Integer> lapseUnsigned(Actor actor, long applicationId, String period) {
        if (!actor.isSystem()) {
            throw new AccessDeniedException("Agreements lapse only when the workflow's signing period is over.");
        }
        Application app = lockedApplication(actor, applicationId);
        Instant now = Instant.now();
        List<Integer> lapsed = new ArrayList<>();
        for (DataSharingAgreement a : versionsOf(applicationId)) {
            if (a.getStatus() == AgreementStatus.AWAITING_SIGNATURES) {
                a.end(AgreementStatus.LAPSED, now);
                lapsed.add(a.getVersionNumber());
                audit.record(actor, "agreement.lapse", "agreement", app.getReference(), "version "
                        + a.getVersionNumber() + ", sha256 " + a.getSha256() + ", not signed by both parties within "
                        + period + (inEffect(applicationId).map(e -> "; version " + e.getVersionNumber()
                                + " still governs").orElse("")));
            }
        }
        flush(app);
        return lapsed;
    }

    /** Every version, newest first, with its signatures; never the PDF bytes. */
    public List<AgreementSummary> agreements(Actor actor, long applicationId) {
        applications.get(actor, applicationId);
        return summaries(versionsOf(applicationId));
    }

    /** One version's PDF for anyone who may see the application; every download is audited. */
    public DataSharingAgreement pdf(Actor actor, long applicationId, int version) {
        Application app = applications.get(actor, applicationId);
        DataSharingAgreement agreement = find(app, version);
        audit.record(actor, "agreement.download", "agreement", app.getReference(), "version " + version + ", sha256 "
                + agreement.getSha256() + ", " + agreement.getSizeBytes() + " bytes");
        return agreement;
    }

    /** The template new agreements are issued from: the highest published version, checked complete. */
    public AgreementTemplate currentTemplate() {
        return em.createQuery("select t from AgreementTemplate t order by t.version desc", AgreementTemplate.class)
                .setMaxResults(1).getResultStream().findFirst()
                .orElseThrow(() -> new IllegalStateException("No agreement template has been published."))
                .requireComplete();
    }

    /**
     * The party this actor signs for on this application, if any: the lead first, then the chair
     * of the committee that reviewed it.
     */
    public Optional<SignatoryParty> partyFor(Actor actor, Application app) {
        if (app.getLeadUsername().equals(actor.username())) {
            return Optional.of(SignatoryParty.APPLICANT);
        }
        if (committees.chairs(actor, app)) {
            return Optional.of(SignatoryParty.COMMITTEE_CHAIR);
        }
        return Optional.empty();
    }

    /** A data custodian, or the chair of the committee that reviewed this application. */
    public boolean mayRevoke(Actor actor, Application app) {
        return actor.has(Role.CUSTODIAN) || committees.chairs(actor, app);
    }

    /** Chairs issue new versions for amendments and renewals of an active project. */
    public boolean mayIssue(Actor actor, Application app) {
        return app.getState() == ApplicationState.ACTIVE && committees.chairs(actor, app);
    }

    private void takeEffect(Actor actor, Application app, DataSharingAgreement agreement, Instant now) {
        List<String> replaced = new ArrayList<>();
        for (DataSharingAgreement earlier : versionsOf(app.getId())) {
            if (earlier.getStatus() == AgreementStatus.IN_EFFECT) {
                earlier.end(AgreementStatus.SUPERSEDED, now);
                replaced.add("v" + earlier.getVersionNumber());
            }
        }
        agreement.takeEffect(now);
        flush(app);
        audit.record(actor, "agreement.in-effect", "agreement", app.getReference(), "version "
                + agreement.getVersionNumber() + ", sha256 " + agreement.getSha256() + ", signed by both parties"
                + (replaced.isEmpty() ? "" : "; supersedes " + String.join(", ", replaced)));
        if (app.getState() == ApplicationState.AGREEMENT_PENDING) {
            applications.recordStep(actor, app.getId(), ApplicationAction.SIGN_AGREEMENT, "Agreement version "
                    + agreement.getVersionNumber() + " signed by both parties, sha256 " + agreement.getSha256());
        }
        inEffect.fire(new AgreementInEffect(app.getId(), agreement.getId(), agreement.getVersionNumber()));
    }

    static AgreementContent contentOf(Application app, LocalDate endDate, List<RequestedDataset> datasets,
            AgreementTemplate template, int number, Instant issuedAt, String issuedBy, String reason) {
        List<AgreementContent.PrintedClause> clauses = template.getClauses().stream()
                .map(c -> new AgreementContent.PrintedClause(c.getCode(), c.getVersion(), c.getTitle(),
                        c.render(template.getDestructionDays())))
                .toList();
        String lead = app.getTeam().stream().filter(m -> app.getLeadUsername().equals(m.getUsername()))
                .map(m -> m.getName() + " (" + m.getUsername() + ")").findFirst().orElse(app.getLeadUsername());
        return new AgreementContent(app.getReference(), number, template.getVersion(), app.getTitle(), lead,
                organisationOf(app),
                app.getPurpose() == null ? null : app.getPurpose().label(), app.getLaySummary(), app.getCommercial(),
                datasets.stream().map(AgreementService::describe).toList(), app.getDecisionReason(),
                endDate, template.getDestructionDays(), issuedAt, issuedBy, reason, clauses);
    }

    private static String organisationOf(Application app) {
        if (app.getOrganisation() == null || app.getOrganisation().isBlank()) {
            return null;
        }
        return app.getOrganisation().strip()
                + (app.getSector() == null ? "" : " (" + app.getSector().name().toLowerCase(Locale.ROOT) + " sector)");
    }

    /** A requested dataset and its cohort as a reader of the agreement sees it. */
    static String describe(RequestedDataset d) {
        List<String> criteria = new ArrayList<>();
        if (d.getModalities() != null) {
            criteria.add("modalities " + d.getModalities());
        }
        if (d.getBodyParts() != null) {
            criteria.add("body parts " + d.getBodyParts());
        }
        if (d.getStudyDateFrom() != null || d.getStudyDateTo() != null) {
            criteria.add("studies " + (d.getStudyDateFrom() == null ? "any date" : d.getStudyDateFrom()) + " to "
                    + (d.getStudyDateTo() == null ? "any date" : d.getStudyDateTo()));
        }
        if (d.getAgeFrom() != null || d.getAgeTo() != null) {
            criteria.add("ages " + (d.getAgeFrom() == null ? "any" : d.getAgeFrom()) + " to "
                    + (d.getAgeTo() == null ? "any" : d.getAgeTo()));
        }
        if (d.getSex() != null) {
            criteria.add("sex " + d.getSex().name().toLowerCase(Locale.ROOT));
        }
        return d.getDatasetId() + (criteria.isEmpty() ? " (whole collection)" : " (" + String.join(", ", criteria) + ")");
    }

    private List<AgreementSummary> summaries(List<DataSharingAgreement> versions) {
        Map<Long, List<AgreementSignature>> byAgreement = signaturesOf(
                versions.stream().map(DataSharingAgreement::getId).toList()).stream()
                .collect(Collectors.groupingBy(AgreementSignature::getAgreementId));
        return versions.stream().map(a -> new AgreementSummary(a.getId(), a.getApplicationId(), a.getVersionNumber(),
                a.getTemplateVersion(), a.getSha256(), a.getSizeBytes(), a.getIssuedAt(), a.getIssuedBy(),
                a.getExpiryDate(), a.getStatus(), a.getEffectiveAt(), a.getEndedAt(), a.getReason(),
                byAgreement.getOrDefault(a.getId(), List.of()).stream().map(AgreementSummary.Signature::of).toList()))
                .toList();
    }

    /**
     * The versions of one application, newest first. Loaded as entities because their status may
     * change in this transaction; the PDF bytes come with them, which for a handful of versions of a
     * few kilobytes each costs little.
     */
    private List<DataSharingAgreement> versionsOf(long applicationId) {
        return em.createQuery("select a from DataSharingAgreement a where a.applicationId = :id"
                + " order by a.versionNumber desc", DataSharingAgreement.class)
                .setParameter("id", applicationId).getResultList();
    }

    private List<AgreementSignature> signaturesOf(List<Long> agreementIds) {
        if (agreementIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select s from AgreementSignature s where s.agreementId in :ids order by s.id",
                AgreementSignature.class).setParameter("ids", agreementIds).getResultList();
    }

    private Optional<DataSharingAgreement> inEffect(long applicationId) {
        return versionsOf(applicationId).stream().filter(a -> a.getStatus() == AgreementStatus.IN_EFFECT).findFirst();
    }

    private DataSharingAgreement find(Application app, int version) {
        return em.createQuery("select a from DataSharingAgreement a where a.applicationId = :id"
                + " and a.versionNumber = :v", DataSharingAgreement.class)
                .setParameter("id", app.getId()).setParameter("v", version).getResultStream().findFirst()
                .orElseThrow(() -> new NotFoundException("Application " + app.getReference()
                        + " has no agreement version " + version + "."));
    }

    private Application lockedApplication(Actor actor, long applicationId) {
        Application app = applications.get(actor, applicationId);
        lock(app);
        return app;
    }

    /**
     * Agreement changes for one application happen one at a time (the application row is locked), so
     * two signatures arriving together cannot both miss that the other completed the agreement.
     */
    private void lock(Application app) {
        try {
            em.lock(app, LockModeType.PESSIMISTIC_WRITE);
        } catch (OptimisticLockException e) {
            throw new AgreementConflictException("Application " + app.getReference()
                    + " was changed by someone else meanwhile. Reload it and try again.");
        }
    }

    private void flush(Application app) {
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw new AgreementConflictException("The agreement for " + app.getReference()
                    + " was changed by someone else meanwhile. Reload it and try again.");
        } catch (PersistenceException e) {
            // The unique constraints are the last line against a second signature for the same party.
            throw new AgreementConflictException("The agreement for " + app.getReference()
                    + " changed while you were signing (someone signed or issued a version at the same moment)."
                    + " Reload it and try again.");
        }
    }

    private static void requireSystem(Actor actor) {
        if (!actor.isSystem()) {
            throw new AccessDeniedException("Only the workflow engine ends or suspends access on expiry.");
        }
    }
}

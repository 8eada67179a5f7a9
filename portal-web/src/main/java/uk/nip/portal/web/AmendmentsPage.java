package uk.nip.portal.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import uk.nip.governance.application.Amendment;
import uk.nip.governance.application.AmendmentForm;
import uk.nip.governance.application.AmendmentKind;
import uk.nip.governance.application.AmendmentService;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.application.TeamMember;
import uk.nip.governance.domain.GovernanceException;
import uk.nip.portal.infra.CurrentActor;

/** The lead's amendments and renewals of an active application. */
@Named
@ViewScoped
public class AmendmentsPage implements Serializable {

    @Inject
    transient ApplicationService applications;

    @Inject
    transient AmendmentService amendments;

    @Inject
    transient CurrentActor current;

    private Long applicationId;
    private Application application;
    private String refusal;
    private AmendmentKind kind;
    private String description;
    private LocalDate newEndDate;
    private String datasetId;
    private String memberName;
    private String memberEmail;
    private String memberOrcid;
    private String memberUsername;
    private String memberRole;

    public void open() {
        try {
            application = applications.get(current.actor(), applicationId == null ? -1 : applicationId);
        } catch (GovernanceException e) {
            refusal = e.getMessage();
        }
    }

    public List<Amendment> getAmendments() {
        return application == null ? List.of() : amendments.amendments(current.actor(), applicationId);
    }

    public void request() {
        List<String> datasets = datasetId == null || datasetId.isBlank() ? List.of() : List.of(datasetId);
        List<TeamMember> members = new ArrayList<>();
        if (memberName != null && !memberName.isBlank()) {
            String username = memberUsername == null || memberUsername.isBlank() ? null : memberUsername.strip();
            members.add(new TeamMember(memberName, memberEmail, username, memberRole, memberOrcid));
        }
        try {
            Amendment a = amendments.request(current.actor(), applicationId,
                    new AmendmentForm(kind, description, newEndDate, datasets, members));
            Messages.info("Amendment sent to the committee: " + a.summary() + ".");
            kind = null;
            description = null;
            newEndDate = null;
            datasetId = null;
            memberName = memberEmail = memberOrcid = memberUsername = memberRole = null;
        } catch (GovernanceException e) {
            Messages.refused(e, "amend");
        }
    }

    public AmendmentKind[] getKinds() {
        return AmendmentKind.values();
    }

    public Long getApplicationId() { return applicationId; }
    public void setApplicationId(Long applicationId) { this.applicationId = applicationId; }
    public Application getApplication() { return application; }
    public String getRefusal() { return refusal; }
    public AmendmentKind getKind() { return kind; }
    public void setKind(AmendmentKind kind) { this.kind = kind; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public LocalDate getNewEndDate() { return newEndDate; }
    public void setNewEndDate(LocalDate newEndDate) { this.newEndDate = newEndDate; }
    public String getDatasetId() { return datasetId; }
    public void setDatasetId(String datasetId) { this.datasetId = datasetId; }
    public String getMemberName() { return memberName; }
    public void setMemberName(String memberName) { this.memberName = memberName; }
    public String getMemberEmail() { return memberEmail; }
    public void setMemberEmail(String memberEmail) { this.memberEmail = memberEmail; }
    public String getMemberOrcid() { return memberOrcid; }
    public void setMemberOrcid(String memberOrcid) { this.memberOrcid = memberOrcid; }
    public String getMemberRole() { return memberRole; }
    public void setMemberRole(String memberRole) { this.memberRole = memberRole; }
    public String getMemberUsername() { return memberUsername; }
    public void setMemberUsername(String memberUsername) { this.memberUsername = memberUsername; }
}

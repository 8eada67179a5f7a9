package uk.nip.portal.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.committee.ClarificationThread;
import uk.nip.governance.committee.CommitteeService;
import uk.nip.governance.domain.GovernanceException;
import uk.nip.portal.infra.CurrentActor;

/** The applicant's side of the committee's questions: read each thread and reply. */
@Named
@ViewScoped
public class ClarificationsPage implements Serializable {

    @Inject
    transient ApplicationService applications;

    @Inject
    transient CommitteeService committees;

    @Inject
    transient CurrentActor current;

    private final RenderCache cache = new RenderCache();
    private Long applicationId;
    private Application application;
    private String refusal;
    /** Each question's reply as typed, so sending one keeps what was typed for the others. */
    private final Map<Long, String> replies = new HashMap<>();

    public void open() {
        try {
            application = applications.get(current.actor(), applicationId == null ? -1 : applicationId);
        } catch (GovernanceException e) {
            refusal = e.getMessage();
        }
    }

    public List<ClarificationThread> getThreads() {
        return application == null ? List.of()
                : cache.get("threads", () -> committees.threads(current.actor(), applicationId));
    }

    public void reply(ClarificationThread thread) {
        try {
            long question = thread.question().getId();
            committees.reply(current.actor(), applicationId, question, replies.get(question));
            replies.remove(question);
            application = applications.get(current.actor(), applicationId);
            Messages.info("Your reply was sent to the committee.");
        } catch (GovernanceException e) {
            Messages.refused(e, "threads");
        }
    }

    public Long getApplicationId() { return applicationId; }
    public void setApplicationId(Long applicationId) { this.applicationId = applicationId; }
    public Application getApplication() { return application; }
    public String getRefusal() { return refusal; }
    public Map<Long, String> getReplies() { return replies; }

    /** Only the lead applicant answers for the team. */
    public boolean isLead() {
        return application != null && application.getLeadUsername().equals(current.actor().username());
    }
}

package uk.nip.portal.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import uk.nip.governance.application.Amendment;
import uk.nip.governance.application.AmendmentService;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.catalogue.ApplicationRestrictions;
import uk.nip.governance.catalogue.RestrictionFlag;
import uk.nip.governance.cohort.CohortCount;
import uk.nip.governance.cohort.CohortCounts;
import uk.nip.governance.committee.ClarificationThread;
import uk.nip.governance.committee.CommitteeService;
import uk.nip.governance.committee.Tally;
import uk.nip.governance.committee.Vote;
import uk.nip.governance.committee.VoteChoice;
import uk.nip.governance.domain.GovernanceException;
import uk.nip.governance.domain.Role;
import uk.nip.portal.infra.CurrentActor;

/**
 * One application's review for a member without a conflict: the content, the votes so far, the
 * member's own vote, questions to the applicant, and for the chair the decision.
 */
@Named
@ViewScoped
public class ReviewPage implements Serializable {

    private final RenderCache cache = new RenderCache();

    @Inject
    transient ApplicationService applications;

    @Inject
    transient CommitteeService committees;

    @Inject
    transient AmendmentService amendments;

    @Inject
    transient CohortCounts cohortCounts;

    @Inject
    transient ApplicationRestrictions restrictions;

    @Inject
    transient CurrentActor current;

    private Long applicationId;
    private Application application;
    private String refusal;
    private VoteChoice choice;
    private String voteReason;
    private Long voteVersion;
    private String question;
    private String reply;
    private String decisionReason;

    /** Opening the page opens the review, which is audited and refused to conflicted members. */
    public void open() {
        if (applicationId == null) {
            refusal = "No application was named.";
            return;
        }
        try {
            application = committees.openReview(current.actor(), applicationId);
            committees.myVote(application, current.actor().username()).ifPresent(v -> {
                choice = v.getChoice();
                voteReason = v.getReason();
                voteVersion = v.getVersion();
            });
        } catch (GovernanceException e) {
            refusal = e.getMessage();
        }
    }

    private void reload() {
        application = applications.get(current.actor(), applicationId);
    }

    public void vote() {
        try {
            Vote v = committees.vote(current.actor(), applicationId, choice, voteReason, voteVersion);
            voteVersion = v.getVersion();
            Messages.info("Your vote (" + v.getChoice().label().toLowerCase(Locale.ROOT) + ") on " + application.getReference()
                    + " is recorded.");
            reload();
        } catch (GovernanceException e) {
            Messages.refused(e, "vote");
        }
    }

    public void ask() {
        try {
            committees.ask(current.actor(), applicationId, question);
            Messages.info("Your question was sent to the applicant.");
            question = null;
            reload();
        } catch (GovernanceException e) {
            Messages.refused(e, "clarify");
        }
    }

    public void reply(ClarificationThread thread) {
        try {
            committees.reply(current.actor(), applicationId, thread.question().getId(), reply);
            reply = null;
            Messages.info("Reply posted.");
        } catch (GovernanceException e) {
            Messages.refused(e, "clarify");
        }
    }

    public void approve() {
        decide(true);
    }

    public void reject() {
        decide(false);
    }

    private void decide(boolean approve) {
        try {
            if (getOpenAmendment() != null) {
                amendments.decide(current.actor(), applicationId, approve, decisionReason);
                Messages.info("Amendment of " + application.getReference() + (approve ? " approved." : " rejected."));
            } else {
                applications.decide(current.actor(), applicationId, approve, decisionReason);
                Messages.info("Application " + application.getReference() + (approve ? " approved." : " rejected."));
            }
            decisionReason = null;
            reload();
        } catch (GovernanceException e) {
            Messages.refused(e, "decision");
        }
    }

    /** The amendment or renewal under review, if that is what this review is about. */
    public Amendment getOpenAmendment() {
        return application == null ? null
                : cache.get("amendment", () -> committees.openAmendment(application).orElse(null));
    }

    public void countCohort() {
        try {
            cohortCounts.request(current.actor(), applicationId);
            Messages.info("The broker is counting the cohort; refresh in a moment.");
        } catch (GovernanceException e) {
            Messages.refused(e, "cohort");
        }
    }

    /** Conflicts between the application and its collections' use restrictions, shown before anyone votes. */
    public List<RestrictionFlag> getRestrictionFlags() {
        return application == null ? List.of()
                : cache.get("flags", () -> restrictions.flags(current.actor(), applicationId));
    }

    public List<CohortCount> getCohortCounts() {
        return application == null ? List.of()
                : cache.get("counts", () -> cohortCounts.counts(current.actor(), applicationId));
    }

    public Tally getTally() {
        return application == null ? null : cache.get("tally", () -> committees.tally(application));
    }

    public List<Vote> getVotes() {
        return application == null ? List.of()
                : cache.get("votes", () -> committees.votes(current.actor(), applicationId));
    }

    public List<ClarificationThread> getThreads() {
        return application == null ? List.of()
                : cache.get("threads", () -> committees.threads(current.actor(), applicationId));
    }

    public boolean isChair() {
        return current.actor().has(Role.DAC_CHAIR);
    }

    public VoteChoice[] getChoices() {
        return VoteChoice.values();
    }

    public Long getApplicationId() { return applicationId; }
    public void setApplicationId(Long applicationId) { this.applicationId = applicationId; }
    public Application getApplication() { return application; }
    public String getRefusal() { return refusal; }
    public VoteChoice getChoice() { return choice; }
    public void setChoice(VoteChoice choice) { this.choice = choice; }
    public String getVoteReason() { return voteReason; }
    public void setVoteReason(String voteReason) { this.voteReason = voteReason; }
    public String getQuestion() { return question; }
    public void setQuestion(String question) { this.question = question; }
    public String getReply() { return reply; }
    public void setReply(String reply) { this.reply = reply; }
    public String getDecisionReason() { return decisionReason; }
    public void setDecisionReason(String decisionReason) { this.decisionReason = decisionReason; }
}

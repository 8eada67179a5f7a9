package uk.nip.governance.committee;

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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import uk.nip.governance.application.Amendment;
import uk.nip.governance.application.AmendmentStatus;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.application.ConcurrentEditException;
import uk.nip.governance.application.TeamMember;
import uk.nip.governance.application.TextLimits;
import uk.nip.governance.application.ValidationException;
import uk.nip.governance.audit.AuditTrail;
import uk.nip.governance.catalogue.Catalogue;
import uk.nip.governance.catalogue.Dataset;
import uk.nip.governance.domain.AccessDeniedException;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.ApplicationAction;
import uk.nip.governance.domain.ApplicationState;
import uk.nip.governance.domain.NotFoundException;
import uk.nip.governance.domain.Role;

/**
 * The data access committee's work on an application: conflict declarations, opening the review,
 * votes with reasons, clarification threads with the applicant, and the checks before the chair
 * decides. A conflicted member cannot open the review, vote or count towards quorum.
 */
@ApplicationScoped
@Transactional
public class CommitteeService {

    /** States in which the committee is, or is about to be, considering an application. */
    private static final Set<ApplicationState> IN_REVIEW = EnumSet.of(ApplicationState.SUBMITTED,
            ApplicationState.SCREENING, ApplicationState.UNDER_REVIEW, ApplicationState.CLARIFICATION_REQUESTED);

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    Catalogue catalogue;

    @Inject
    ApplicationService applications;

    @Inject
    Event<VoteCast> voteCast;

    @Inject
    Event<ConflictDeclared> conflictDeclared;

    @Inject
    Event<ClarificationRequested> clarificationRequested;

    @Inject
    Event<ClarificationAnswered> clarificationAnswered;

    @Inject
    Event<ReviewOverdue> reviewOverdue;

    @Inject
    Event<ReviewReminderDue> reviewReminder;
    @Inject
    Event<DecisionAwaited> decisionAwaited;

    // --- committees and seats -------------------------------------------------------------

    public List<Committee> committees() {
        return em.createQuery("select c from Committee c order by c.name", Committee.class).getResultList();
    }

    public Committee committee(String id) {
        Committee c = em.find(Committee.class, id);
        if (c == null) {
            throw new NotFoundException("There is no committee '" + id + "'.");
        }
        return c;
    }

    public List<CommitteeMember> members(String committeeId) {
        return em.createQuery("select m from CommitteeMember m where m.key.committeeId = :c order by m.key.username",
                CommitteeMember.class).setParameter("c", committeeId).getResultList();
    }

    /** The committee that owns the application's first requested collection. */
    public Committee committeeOf(Application app) {
        String id = catalogue.find(app.getDatasetId()).map(Dataset::getCommitteeId).orElse(null);
        return committee(id == null ? Committee.DEFAULT : id);
    }

    public Optional<Seat> seat(String committeeId, String username) {
        CommitteeMember m = em.find(CommitteeMember.class, new CommitteeMember.Key(committeeId, username));
        return Optional.ofNullable(m).map(CommitteeMember::getSeat);
    }

    /** Admins seat people; the demo seeder acts as the system. */
    public void seatMember(Actor actor, String committeeId, String username, Seat seat) {
        if (!actor.has(Role.ADMIN) && !actor.isSystem()) {
            throw new AccessDeniedException("Only administrators change who sits on a committee.");
        }
        committee(committeeId);
        CommitteeMember existing = em.find(CommitteeMember.class, new CommitteeMember.Key(committeeId, username));
        if (existing != null) {
            em.remove(existing);
            em.flush();
        }
        em.persist(new CommitteeMember(committeeId, username, seat));
        audit.record(actor, "committee.seat", "committee", committeeId, username + " as " + seat.name().toLowerCase(Locale.ROOT));
    }

    /** Quorum, majority and review time are each committee's own; administrators set them. */
    public Committee configure(Actor actor, String committeeId, long expectedVersion, Integer quorum,
            MajorityRule rule, Integer reviewDays) {
        if (!actor.has(Role.ADMIN)) {
            throw new AccessDeniedException("Only administrators configure committees.");
        }
        Committee c = committee(committeeId);
        int seats = members(committeeId).size();
        Map<String, String> problems = new LinkedHashMap<>();
        if (quorum == null || quorum < 1) {
            problems.put("quorum", "Quorum must be at least 1 vote.");
        } else if (quorum > seats) {
            problems.put("quorum", "Quorum " + quorum + " is more than the committee's " + seats + " seats.");
        }
        if (rule == null) {
            problems.put("majorityRule", "Choose a majority rule: SIMPLE, TWO_THIRDS or UNANIMOUS.");
        }
        if (reviewDays == null || reviewDays < 1 || reviewDays > 90) {
            problems.put("reviewDays", "Review time must be between 1 and 90 days.");
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        if (c.getVersion() != expectedVersion) {
            throw new ConcurrentEditException("Committee " + c.getName() + " was changed by someone else; reload it.");
        }
        String before = c.getQuorum() + "/" + c.getMajorityRule() + "/" + c.getReviewDays() + "d";
        c.configure(quorum, rule, reviewDays);
        flush("Committee " + c.getName() + " was changed by someone else; reload it.");
        audit.record(actor, "committee.configure", "committee", committeeId,
                before + " -> " + quorum + "/" + rule + "/" + reviewDays + "d");
        return c;
    }

    // --- conflicts of interest ------------------------------------------------------------

    public Optional<ConflictDeclaration> declaration(Application app, String username) {
        return em.createQuery("select d from ConflictDeclaration d where d.applicationId = :a"
                + " and d.reviewRound = :r and d.member = :m", ConflictDeclaration.class)
                .setParameter("a", app.getId()).setParameter("r", app.getReviewRound()).setParameter("m", username)
                .getResultStream().findFirst();
    }

    /** Applications of the member's committees that wait for their declaration. */
    public List<DeclarationRequest> awaitingDeclaration(Actor actor) {
        if (!isCommitteeRole(actor)) {
            return List.of();
        }
        List<DeclarationRequest> out = new ArrayList<>();
        for (Application app : inReview()) {
            if (seatFor(actor, app).isPresent() && declaration(app, actor.username()).isEmpty()) {
                out.add(new DeclarationRequest(app.getId(), app.getReference(), app.getTitle(), app.getLeadUsername(),
                        app.getOrganisation(), app.getTeam().stream().map(TeamMember::getName).toList(),
                        app.getFunders()));
            }
        }
        return out;
    }

    public ConflictDeclaration declare(Actor actor, long applicationId, boolean conflicted, String statement) {
        Application app = lockForReview(applicationId);
        requireSeat(actor, app);
        if (!inReviewNow(app)) {
            throw new AccessDeniedException("Application " + app.getReference() + " is "
                    + app.getState().label().toLowerCase(Locale.ROOT) + "; declarations are taken while it is in review.");
        }
        if (conflicted && (statement == null || statement.isBlank())) {
            throw new ValidationException(Map.of("statement", "Describe the conflict of interest."));
        }
        TextLimits.require("statement", statement, 2000);
        if (!conflicted && involved(app, actor.username())) {
            throw new AccessDeniedException("You are named on the team of " + app.getReference()
                    + " (or proposed for it in the amendment under review), which is a conflict of interest: declare it,"
                    + " saying how you are involved.");
        }
        Optional<ConflictDeclaration> earlier = declaration(app, actor.username());
        if (earlier.isPresent()) {
            if (earlier.get().isConflicted() || !conflicted) {
                throw new ConcurrentEditException("You already declared " + (earlier.get().isConflicted()
                        ? "a conflict" : "no conflict") + " for " + app.getReference() + " in this review round.");
            }
            // A member who finds a conflict later must be able to say so; their vote stops counting.
            em.remove(earlier.get());
            em.flush();
        }
        ConflictDeclaration d = new ConflictDeclaration(app.getId(), app.getReviewRound(), actor.username(),
                conflicted, statement == null || statement.isBlank() ? null : statement.strip(), Instant.now(),
                actor.origin());
        em.persist(d);
        flush("Your declaration for " + app.getReference() + " was recorded by another session meanwhile; reload.");
        audit.record(actor, "review.declare", "application", app.getReference(),
                (conflicted ? "conflicted: " + d.getStatement() : "no conflict") + " (round " + app.getReviewRound() + ")");
        if (conflicted) {
            conflictDeclared.fire(new ConflictDeclared(app.getId(), actor.username(), tally(app).quorate()));
        }
        return d;
    }

    // --- the review ------------------------------------------------------------------------

    /** True when this person sits on the application's committee and has declared no conflict. */
    public boolean mayReview(Actor actor, Application app) {
        return isCommitteeRole(actor) && seatFor(actor, app).isPresent()
                && declaration(app, actor.username()).map(d -> !d.isConflicted()).orElse(false);
    }

    /** Opens the review of one application; audited, and refused to conflicted or undeclared members. */
    public Application openReview(Actor actor, long applicationId) {
        Application app = applications.load(applicationId);
        requireReviewer(actor, app);
        audit.record(actor, "review.open", "application", app.getReference(), "round " + app.getReviewRound());
        return app;
    }

    public Vote vote(Actor actor, long applicationId, VoteChoice choice, String reason, Long expectedVersion) {
        Application app = lockForReview(applicationId);
        requireReviewer(actor, app);
        if (!votingOpen(app)) {
            throw new AccessDeniedException("Application " + app.getReference() + " is "
                    + app.getState().label().toLowerCase(Locale.ROOT) + "; votes are taken while it is under review.");
        }
        Map<String, String> problems = new LinkedHashMap<>();
        if (choice == null) {
            problems.put("choice", "Choose approve, reject or abstain.");
        }
        if (reason == null || reason.isBlank()) {
            problems.put("reason", "A vote must carry a written reason.");
        } else {
            TextLimits.check(problems, "reason", reason.strip(), TextLimits.EVENT_REASON);
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        Optional<Vote> mine = myVote(app, actor.username());
        boolean wasQuorate = tally(app).quorate();
        Vote vote;
        if (mine.isPresent()) {
            vote = mine.get();
            if (expectedVersion == null || vote.getVersion() != expectedVersion) {
                throw new ConcurrentEditException("Your vote on " + app.getReference() + " was changed in another"
                        + " session (it is now " + vote.getChoice().label().toLowerCase(Locale.ROOT)
                        + "). Reload it before changing it again.");
            }
            vote.cast(choice, reason.strip(), Instant.now(), actor.origin());
        } else {
            // Identity keys insert on persist, so the vote is complete before it is persisted.
            vote = new Vote(app.getId(), app.getReviewRound(), actor.username());
            vote.cast(choice, reason.strip(), Instant.now(), actor.origin());
            em.persist(vote);
        }
        flush("Your vote on " + app.getReference() + " was recorded by another session meanwhile; reload it.");
        audit.record(actor, "review.vote", "application", app.getReference(),
                choice.name().toLowerCase(Locale.ROOT) + ": " + reason.strip());
        boolean quorate = tally(app).quorate();
        if (!wasQuorate && quorate) {
            decisionAwaited.fire(new DecisionAwaited(app.getId()));
        }
        voteCast.fire(new VoteCast(app.getId(), actor.username(), quorate));
        return vote;
    }

    public Optional<Vote> myVote(Application app, String username) {
        return em.createQuery("select v from Vote v where v.applicationId = :a and v.reviewRound = :r"
                + " and v.member = :m", Vote.class).setParameter("a", app.getId())
                .setParameter("r", app.getReviewRound()).setParameter("m", username).getResultStream().findFirst();
    }

    /** The votes of this round, for reviewers without a conflict and for auditors. */
    public List<Vote> votes(Actor actor, long applicationId) {
        Application app = applications.load(applicationId);
        if (!actor.has(Role.AUDITOR)) {
            requireReviewer(actor, app);
        }
        return roundVotes(app);
    }

    public Tally tally(Application app) {
        Committee c = committeeOf(app);
        List<String> conflicted = em.createQuery("select d.member from ConflictDeclaration d where d.applicationId = :a"
                + " and d.reviewRound = :r and d.conflicted = true", String.class)
                .setParameter("a", app.getId()).setParameter("r", app.getReviewRound()).getResultList();
        int seats = members(c.getId()).size();
        long approve = 0, reject = 0, abstain = 0;
        for (Vote v : roundVotes(app)) {
            if (conflicted.contains(v.getMember())) {
                continue;
            }
            switch (v.getChoice()) {
                case APPROVE -> approve++;
                case REJECT -> reject++;
                case ABSTAIN -> abstain++;
            }
        }
        return new Tally(seats - conflicted.size(), conflicted.size(), approve, reject, abstain, c.getQuorum(),
                c.getMajorityRule());
    }

    /**
     * The chair's seat on the committee that reviews this application, without a declared
     * conflict in it and not on its team: the realm role alone names no committee (ADR 7).
     */
    public boolean chairs(Actor actor, Application app) {
        return actor.has(Role.DAC_CHAIR) && seatFor(actor, app).orElse(null) == Seat.CHAIR
                && !involved(app, actor.username())
                && declaration(app, actor.username()).map(d -> !d.isConflicted()).orElse(true);
    }

    /**
     * What the chair must satisfy before deciding: a chair's seat on this committee, no conflict,
     * and a quorum of votes. Returns the tally the decision is taken on.
     */
    public Tally requireMayDecide(Actor actor, Application app) {
        if (!actor.has(Role.DAC_CHAIR) || seatFor(actor, app).orElse(null) != Seat.CHAIR) {
            throw new AccessDeniedException("Only the chair of " + committeeOf(app).getName()
                    + " records decisions on " + app.getReference() + ".");
        }
        requireReviewer(actor, app);
        Tally tally = tally(app);
        if (votingOpen(app) && !tally.quorate()) {
            throw new ConcurrentEditException("The committee is not quorate for " + app.getReference() + ": "
                    + tally.cast() + " of the " + tally.quorum() + " votes needed have been cast.");
        }
        return tally;
    }

    // --- clarification ---------------------------------------------------------------------

    /** A reviewer asks the applicant a question; the application waits for the answer. */
    public ClarificationMessage ask(Actor actor, long applicationId, String question) {
        Application app = lockForReview(applicationId);
        requireReviewer(actor, app);
        if (question == null || question.isBlank()) {
            throw new ValidationException(Map.of("question", "Write the question for the applicant."));
        }
        TextLimits.require("question", question, TextLimits.EVENT_REASON);
        boolean startsClarification = app.getState() == ApplicationState.UNDER_REVIEW;
        if (startsClarification) {
            applications.recordStep(actor, app.getId(), ApplicationAction.REQUEST_CLARIFICATION, question.strip());
        } else if (app.getState() != ApplicationState.CLARIFICATION_REQUESTED && openAmendment(app).isEmpty()) {
            throw new AccessDeniedException("Application " + app.getReference() + " is "
                    + app.getState().label().toLowerCase(Locale.ROOT) + "; questions are asked while it is under review.");
        }
        ClarificationMessage m = new ClarificationMessage(app.getId(), null, actor.username(), actor.primaryRole(),
                question.strip(), Instant.now(), actor.origin());
        em.persist(m);
        em.flush();
        audit.record(actor, "clarification.ask", "application", app.getReference(), "thread " + m.getId());
        // An amendment's review pauses too; a question asked while it is already paused changes nothing.
        if (startsClarification || openAmendment(app).isPresent()) {
            clarificationRequested.fire(new ClarificationRequested(app.getId(), m.getId()));
        }
        return m;
    }

    /**
     * A reply in a thread, from the lead applicant or a reviewer. When the lead has answered every
     * open question the application returns to review.
     */
    public ClarificationMessage reply(Actor actor, long applicationId, long threadId, String body) {
        Application app = applications.load(applicationId);
        boolean lead = app.getLeadUsername().equals(actor.username());
        if (!lead) {
            requireReviewer(actor, app);
        }
        ClarificationMessage question = em.find(ClarificationMessage.class, threadId);
        if (question == null || question.getApplicationId() != app.getId() || question.getThreadId() != null) {
            throw new NotFoundException("Application " + app.getReference() + " has no clarification thread "
                    + threadId + ".");
        }
        if (body == null || body.isBlank()) {
            throw new ValidationException(Map.of("body", "Write a reply."));
        }
        TextLimits.require("body", body, 8000);
        if (!inReviewNow(app)) {
            throw new AccessDeniedException("Application " + app.getReference() + " is "
                    + app.getState().label().toLowerCase(Locale.ROOT) + "; its clarification threads are closed.");
        }
        ClarificationMessage m = new ClarificationMessage(app.getId(), threadId, actor.username(),
                lead ? Role.RESEARCHER.realmName() : actor.primaryRole(), body.strip(), Instant.now(), actor.origin());
        em.persist(m);
        em.flush();
        audit.record(actor, "clarification.reply", "application", app.getReference(), "thread " + threadId);
        if (lead && app.getState() == ApplicationState.CLARIFICATION_REQUESTED
                && threads(app).stream().allMatch(ClarificationThread::answered)) {
            applications.recordStep(actor, app.getId(), ApplicationAction.ANSWER_CLARIFICATION,
                    "answered " + threads(app).size() + " question(s)");
            clarificationAnswered.fire(new ClarificationAnswered(app.getId()));
        } else if (lead && openAmendment(app).isPresent() && !awaitingAnswers(app)) {
            audit.record(actor, "clarification.answered", "application", app.getReference(),
                    "every question of amendment round " + app.getReviewRound() + " answered");
            clarificationAnswered.fire(new ClarificationAnswered(app.getId()));
        }
        return m;
    }

    /**
     * True while the applicant still owes an answer in the current review: the application waits
     * for clarification, or a question asked since its open amendment was requested has no reply
     * from the lead. The chair does not decide meanwhile.
     */
    public boolean awaitingAnswers(Application app) {
        if (app.getState() == ApplicationState.CLARIFICATION_REQUESTED) {
            return true;
        }
        Optional<Amendment> amendment = openAmendment(app);
        return amendment.isPresent() && threads(app).stream()
                .filter(t -> !t.question().getPostedAt().isBefore(amendment.get().getRequestedAt()))
                .anyMatch(t -> !t.answered());
    }

    /** The threads of an application, for anyone who may see it. */
    public List<ClarificationThread> threads(Actor actor, long applicationId) {
        return threads(applications.get(actor, applicationId));
    }

    private List<ClarificationThread> threads(Application app) {
        List<ClarificationMessage> all = em.createQuery("select m from ClarificationMessage m"
                + " where m.applicationId = :a order by m.id", ClarificationMessage.class)
                .setParameter("a", app.getId()).getResultList();
        List<ClarificationThread> out = new ArrayList<>();
        for (ClarificationMessage q : all) {
            if (q.getThreadId() != null) {
                continue;
            }
            List<ClarificationMessage> replies = all.stream().filter(m -> q.getId().equals(m.getThreadId())).toList();
            boolean answered = replies.stream().anyMatch(m -> m.getAuthor().equals(app.getLeadUsername()));
            out.add(new ClarificationThread(q, replies, answered));
        }
        return out;
    }

    // --- review deadlines (the workflow's timers) ------------------------------------------------

    /**
     * Who is asked to review now: seated members without a declared conflict who have not voted in
     * this round. Empty once the committee is quorate, so a resumed review does not ask again.
     */
    public List<String> reviewersToAsk(Actor actor, long applicationId) {
        requireSystemActor(actor);
        Application app = applications.load(applicationId);
        if (tally(app).quorate()) {
            return List.of();
        }
        List<String> voted = roundVotes(app).stream().map(Vote::getMember).toList();
        return members(committeeOf(app).getId()).stream().map(CommitteeMember::getUsername)
                .filter(u -> declaration(app, u).map(d -> !d.isConflicted()).orElse(true))
                .filter(u -> !voted.contains(u)).toList();
    }

    /** A member's review is due soon: audited, and announced so they can be reminded. */
    public void reviewReminderDue(Actor actor, long applicationId, String member) {
        requireSystemActor(actor);
        Application app = applications.load(applicationId);
        audit.record(actor, "review.reminder", "application", app.getReference(), member + " has not voted yet");
        reviewReminder.fire(new ReviewReminderDue(app.getId(), member));
    }

    /** A member's review passed its due date: audited, and announced so the chair is told. */
    public void reviewOverdue(Actor actor, long applicationId, String member) {
        requireSystemActor(actor);
        Application app = applications.load(applicationId);
        audit.record(actor, "review.overdue", "application", app.getReference(), member + " has not voted by the due date");
        reviewOverdue.fire(new ReviewOverdue(app.getId(), member));
    }

    /**
     * Steps that move the review process (votes, conflicts, questions) take the application's row
     * lock first: members acting at the same moment then update the process one after the other
     * instead of failing on the process's shared review counters.
     */
    private Application lockForReview(long applicationId) {
        Application app = em.find(Application.class, applicationId, LockModeType.PESSIMISTIC_WRITE);
        return app != null ? app : applications.load(applicationId);
    }

    private static void requireSystemActor(Actor actor) {
        if (!actor.isSystem()) {
            throw new AccessDeniedException("Only the workflow engine tracks review deadlines.");
        }
    }

    // --- helpers -----------------------------------------------------------------------------

    /** The amendment or renewal of this application that the committee is reviewing, if any. */
    public Optional<Amendment> openAmendment(Application app) {
        return em.createQuery("select a from Amendment a where a.applicationId = :id and a.status = :s", Amendment.class)
                .setParameter("id", app.getId()).setParameter("s", AmendmentStatus.UNDER_REVIEW)
                .getResultStream().findFirst();
    }

    /** On the application's team, or proposed for it by the amendment under review. */
    private boolean involved(Application app, String username) {
        return app.isOnTeam(username) || openAmendment(app).map(a -> a.getAddedMembers().stream()
                .anyMatch(m -> username.equals(m.getUsername()))).orElse(false);
    }

    /** The committee is considering it: a new application in review, or an amendment of an active one. */
    private boolean inReviewNow(Application app) {
        return IN_REVIEW.contains(app.getState()) || openAmendment(app).isPresent();
    }

    /** Votes are taken in the initial review and on amendments. */
    private boolean votingOpen(Application app) {
        return app.getState() == ApplicationState.UNDER_REVIEW || openAmendment(app).isPresent();
    }

    /** Applications in review that this member may review now (declared, no conflict). */
    public List<Application> reviewable(Actor actor) {
        if (!isCommitteeRole(actor)) {
            return List.of();
        }
        return inReview().stream().filter(a -> mayReview(actor, a)).toList();
    }

    private List<Application> inReview() {
        return em.createQuery("select a from Application a where a.state in :s or a.id in"
                + " (select m.applicationId from Amendment m where m.status = :open) order by a.id", Application.class)
                .setParameter("s", IN_REVIEW).setParameter("open", AmendmentStatus.UNDER_REVIEW).getResultList();
    }

    private List<Vote> roundVotes(Application app) {
        return em.createQuery("select v from Vote v where v.applicationId = :a and v.reviewRound = :r order by v.id",
                Vote.class).setParameter("a", app.getId()).setParameter("r", app.getReviewRound()).getResultList();
    }

    private Optional<Seat> seatFor(Actor actor, Application app) {
        return seat(committeeOf(app).getId(), actor.username());
    }

    private static boolean isCommitteeRole(Actor actor) {
        return actor.has(Role.DAC_MEMBER) || actor.has(Role.DAC_CHAIR);
    }

    private void requireSeat(Actor actor, Application app) {
        if (!isCommitteeRole(actor) || seatFor(actor, app).isEmpty()) {
            throw new AccessDeniedException("You do not sit on the committee that reviews " + app.getReference() + ".");
        }
    }

    private void requireReviewer(Actor actor, Application app) {
        requireSeat(actor, app);
        if (involved(app, actor.username())) {
            throw new AccessDeniedException("You are named on the team of " + app.getReference()
                    + " (or proposed for it in the amendment under review), so you cannot review it, vote, or count"
                    + " towards its quorum.");
        }
        Optional<ConflictDeclaration> d = declaration(app, actor.username());
        if (d.isEmpty()) {
            throw new AccessDeniedException("Declare whether you have a conflict of interest in "
                    + app.getReference() + " before opening its review.");
        }
        if (d.get().isConflicted()) {
            throw new AccessDeniedException("You declared a conflict of interest in " + app.getReference()
                    + ", so you cannot open its review, vote, or count towards its quorum.");
        }
    }

    private void flush(String conflictMessage) {
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw new ConcurrentEditException(conflictMessage);
        } catch (PersistenceException e) {
            // A unique key refused a second row made by a racing request: the same kind of conflict.
            if (e.getCause() != null && e.getCause().getClass().getSimpleName().equals("ConstraintViolationException")) {
                throw new ConcurrentEditException(conflictMessage);
            }
            throw e;
        }
    }
}

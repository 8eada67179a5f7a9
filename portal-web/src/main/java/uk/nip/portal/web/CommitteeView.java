package uk.nip.portal.web;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.catalogue.ApplicationRestrictions;
import uk.nip.governance.committee.CommitteeService;
import uk.nip.governance.committee.DeclarationRequest;
import uk.nip.governance.committee.Tally;
import uk.nip.governance.domain.GovernanceException;
import uk.nip.portal.infra.CurrentActor;

/** A member's committee home: declarations to make, reviews open to them, and the chair's queue. */
@Named
@ViewScoped
public class CommitteeView implements Serializable {

    private final RenderCache cache = new RenderCache();

    @Inject
    transient ApplicationService applications;

    @Inject
    transient CommitteeService committees;

    @Inject
    transient ApplicationRestrictions restrictions;

    @Inject
    transient CurrentActor current;

    private String statement;

    public List<DeclarationRequest> getAwaitingDeclaration() {
        return cache.get("awaiting-declaration", () -> committees.awaitingDeclaration(current.actor()));
    }

    public List<Application> getReviewable() {
        return cache.get("reviewable", () -> committees.reviewable(current.actor()));
    }

    public List<Application> getAwaitingDecision() {
        return cache.get("awaiting-decision", () -> applications.awaitingDecision(current.actor()));
    }

    public Tally tally(Application app) {
        return cache.get("tally " + app.getId(), () -> committees.tally(app));
    }

    /** How many use-restriction conflicts the application has; the review page gives the reasons. */
    public int flagCount(Application app) {
        return cache.get("flags " + app.getId(), () -> restrictions.flags(current.actor(), app.getId()).size());
    }

    public void declareNoConflict(DeclarationRequest request) {
        declare(request, false);
    }

    public void declareConflict(DeclarationRequest request) {
        declare(request, true);
    }

    private void declare(DeclarationRequest request, boolean conflicted) {
        try {
            committees.declare(current.actor(), request.applicationId(), conflicted, statement);
            Messages.info(conflicted
                    ? "Conflict recorded for " + request.reference() + ". You will not see its review."
                    : "No conflict recorded for " + request.reference() + ". Its review is open to you.");
            statement = null;
        } catch (GovernanceException e) {
            Messages.refused(e, "declare");
        }
    }

    public String getStatement() { return statement; }
    public void setStatement(String statement) { this.statement = statement; }
}

package uk.nip.governance.catalogue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import uk.nip.governance.application.Application;
import uk.nip.governance.application.AmendmentService;
import uk.nip.governance.application.ApplicationService;
import uk.nip.governance.domain.Actor;

/** Restriction conflicts of one application, for whoever may see that application. */
@ApplicationScoped
@Transactional
public class ApplicationRestrictions {

    @Inject
    ApplicationService applications;

    @Inject
    Catalogue catalogue;

    @Inject
    AmendmentService amendments;

    /**
     * While an amendment is under review, the application as it would be with it: a collection it
     * adds or an end date it moves is checked before the committee decides. Refused (403) to
     * anyone who may not see the application; 404 if there is none.
     */
    public List<RestrictionFlag> flags(Actor actor, long applicationId) {
        Application app = applications.get(actor, applicationId);
        RestrictionCheck.Request request = amendments.open(app).map(a -> RestrictionCheck.Request.of(app, a))
                .orElseGet(() -> RestrictionCheck.Request.of(app));
        return RestrictionCheck.flags(request, catalogue::find);
    }
}

package uk.nip.governance.catalogue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import uk.nip.governance.application.Application;
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

    /** Refused (403) to anyone who may not see the application; 404 if there is none. */
    public List<RestrictionFlag> flags(Actor actor, long applicationId) {
        Application app = applications.get(actor, applicationId);
        return RestrictionCheck.flags(RestrictionCheck.Request.of(app), catalogue::find);
    }
}

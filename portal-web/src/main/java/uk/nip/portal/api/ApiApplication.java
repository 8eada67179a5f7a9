package uk.nip.portal.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The portal's JSON API. Classes are listed so the engine's own REST providers stay out of it. */
@ApplicationPath("/api")
public class ApiApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(RegisterResource.class, CatalogueResource.class, ApplicationResource.class,
                AgreementResource.class, AuditResource.class, ReviewResource.class, ClarificationResource.class,
                CommitteeResource.class, AmendmentResource.class, OptOutResource.class, CohortCountResource.class,
                RestrictionFlagResource.class, TaskResource.class, AttestationResource.class,
                IncidentResource.class, MailResource.class, GovernanceExceptionMapper.class, UnexpectedErrorMapper.class,
                JsonConfiguration.class);
    }
}

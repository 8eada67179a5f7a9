package uk.nip.governance.agreement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import uk.nip.governance.application.AmendmentApproved;
import uk.nip.governance.domain.Actor;

/**
 * An approved amendment or renewal produces the next agreement version, in the chair's transaction.
 * The current version governs access until both parties sign the new one.
 */
@ApplicationScoped
public class AmendmentAgreements {

    @Inject
    AgreementService agreements;

    void onAmendmentApproved(@Observes AmendmentApproved event) {
        agreements.issue(Actor.system("agreements"), event.applicationId(),
                "Amendment approved: " + event.summary());
    }
}

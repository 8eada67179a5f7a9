package uk.nip.governance.agreement;

import java.time.Instant;

/** The decision to revoke, for the workflow to enforce (stop sandboxes, withdraw credentials, destroy data). */
public record AccessRevoked(long applicationId, String reference, RevocationGround ground, String statement,
        Instant requestedAt) {
}

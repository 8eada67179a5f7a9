package uk.nip.governance.teardown;

import java.time.Instant;

/**
 * What the workflow hands over after the broker destroyed a project's data: the broker's attestation,
 * when access was ordered to end and, on revocation, the ground and when credentials were withdrawn.
 */
public record DestructionEvidence(long filesDestroyed, long bytesDestroyed, String manifestSha256,
        Instant destroyedAt, String destroyedBy, String processInstanceId, Instant requestedAt,
        Instant credentialsWithdrawnAt) {
}

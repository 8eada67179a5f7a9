package uk.nip.broker.archive;

import java.time.Instant;

/** Evidence that a project's released data and keys are gone, returned to the process engine. */
public record DestructionAttestation(String project, long filesDestroyed, long bytesDestroyed,
        long restrictedFilesDestroyed, String manifestSha256, Instant destroyedAt, String destroyedBy) {
}

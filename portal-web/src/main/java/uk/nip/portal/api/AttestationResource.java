package uk.nip.portal.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.teardown.DestructionAttestation;
import uk.nip.governance.teardown.Teardown;

/**
 * Evidence that an application's data was destroyed when access ended, with how long enforcement took.
 * Under /api/applications (signed-in constraint); visible to whoever may view the application.
 */
@Path("applications")
@Produces(MediaType.APPLICATION_JSON)
public class AttestationResource {

    public record AttestationView(long id, String endedAs, String ground, long filesDestroyed, long bytesDestroyed,
            String manifestSha256, Instant destroyedAt, String destroyedBy, String processInstanceId,
            Instant credentialsWithdrawnAt, Instant requestedAt, Instant enforcedAt, long propagationMillis,
            Instant recordedAt) {

        static AttestationView of(DestructionAttestation a) {
            return new AttestationView(a.getId(), a.getEndedAs(), a.getGround(), a.getFilesDestroyed(),
                    a.getBytesDestroyed(), a.getManifestSha256(), a.getDestroyedAt(), a.getDestroyedBy(),
                    a.getProcessInstanceId(), a.getCredentialsWithdrawnAt(), a.getRequestedAt(), a.getEnforcedAt(),
                    a.getPropagationMillis(), a.getRecordedAt());
        }
    }

    @Inject
    Actor actor;

    @Inject
    Teardown teardown;

    @GET
    @Path("{id}/attestations")
    public List<AttestationView> list(@PathParam("id") long id) {
        return teardown.attestations(actor, id).stream().map(AttestationView::of).toList();
    }
}

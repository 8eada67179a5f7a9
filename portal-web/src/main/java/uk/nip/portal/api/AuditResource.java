package uk.nip.portal.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import uk.nip.governance.audit.AuditRecord;
import uk.nip.governance.audit.AuditTrail;
import uk.nip.governance.audit.ChainVerification;
import uk.nip.governance.domain.Actor;

/** For auditors: verify the hash chain and read the latest records. */
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    public record RecordView(long seq, String at, String actor, String role, String action, String objectType,
            String objectId, String origin, String detail, String prevHash, String hash) {
        static RecordView of(AuditRecord r) {
            return new RecordView(r.getSeq(), r.getAt().toString(), r.getActor(), r.getRole(), r.getAction(),
                    r.getObjectType(), r.getObjectId(), r.getOrigin(), r.getDetail(), r.getPrevHash(), r.getHash());
        }
    }

    @Inject
    Actor actor;

    @Inject
    AuditTrail audit;

    @GET
    @Path("verify")
    public ChainVerification verify() {
        return audit.verify(actor);
    }

    @GET
    @Path("records")
    public List<RecordView> latest(@QueryParam("max") Integer max) {
        int limit = max == null ? 100 : Math.max(1, Math.min(max, 1000));
        return audit.latest(actor, limit).stream().map(RecordView::of).toList();
    }
}

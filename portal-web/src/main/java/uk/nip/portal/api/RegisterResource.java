package uk.nip.portal.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import uk.nip.governance.audit.AuditDigest;
import uk.nip.governance.audit.PublishedDigests;
import uk.nip.governance.register.RegisterEntry;
import uk.nip.governance.register.TransparencyRegister;

/** The public transparency register and the published audit heads, as JSON. No sign-in. */
@Path("register")
@Produces(MediaType.APPLICATION_JSON)
public class RegisterResource {

    /** A published audit head: keep a copy, and an auditor can later prove the trail up to it unchanged. */
    public record DigestView(long lastSeq, String headHash, Instant publishedAt) {
        static DigestView of(AuditDigest d) {
            return new DigestView(d.getLastSeq(), d.getHeadHash(), d.getPublishedAt());
        }
    }

    @Inject
    TransparencyRegister register;

    @Inject
    PublishedDigests digests;

    @GET
    public List<RegisterEntry> entries() {
        return register.entries();
    }

    /**
     * Published audit heads, newest first: {@code limit} of them (50 unless given, at most 500); for
     * the next page pass the last {@code lastSeq} received as {@code before}.
     */
    @GET
    @Path("audit-digests")
    public List<DigestView> auditDigests(@QueryParam("limit") String limit, @QueryParam("before") String before) {
        Long max = number("limit", limit);
        Long beforeSeq = number("before", before);
        return digests.list(max == null ? null : (int) Math.min(max, Integer.MAX_VALUE), beforeSeq).stream()
                .map(DigestView::of).toList();
    }

    private static Long number(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestException(Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", "'" + name + "' must be a positive whole number, not '" + value.strip() + "'."))
                .build());
    }
}

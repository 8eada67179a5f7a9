package uk.nip.portal.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import uk.nip.governance.audit.AuditDigest;
import uk.nip.governance.audit.PublishedDigests;
import uk.nip.governance.register.RegisterCsv;
import uk.nip.governance.register.RegisterEntry;
import uk.nip.governance.register.RegisterQuery;
import uk.nip.governance.register.RegisterStatistics;
import uk.nip.governance.register.TransparencyRegister;

/** The public transparency register (search, CSV, statistics) and the published audit heads. No sign-in. */
@Path("register")
@Produces(MediaType.APPLICATION_JSON)
public class RegisterResource {

    static final String CSV = "text/csv";

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

    /**
     * The approved uses, most recently approved first. Every parameter is optional: {@code q}
     * (words anywhere in the entry), {@code status}, {@code category}, {@code sector},
     * {@code commercial} and {@code approvedFrom}/{@code approvedTo} (dates, both included).
     */
    @GET
    public List<RegisterEntry> entries(@BeanParam Search search) {
        return register.entries(search.query());
    }

    /** The same entries as CSV, for a spreadsheet; the first row names the fields as the JSON does. */
    @GET
    @Path("export.csv")
    @Produces(CSV)
    public Response csv(@BeanParam Search search) {
        List<RegisterEntry> entries = register.entries(search.query());
        StreamingOutput body = out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            RegisterCsv.write(w, entries);
            w.flush();
        };
        return Response.ok(body, CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"transparency-register.csv\"")
                .build();
    }

    /** Counts by status, purpose, sector and year, and the committee's turnaround, of the same entries. */
    @GET
    @Path("statistics")
    public RegisterStatistics statistics(@BeanParam Search search) {
        return register.statistics(search.query());
    }

    /** The search parameters of the three views above. */
    public static class Search {
        @QueryParam("q")
        String q;
        @QueryParam("status")
        String status;
        @QueryParam("category")
        String category;
        @QueryParam("sector")
        String sector;
        @QueryParam("commercial")
        String commercial;
        @QueryParam("approvedFrom")
        String approvedFrom;
        @QueryParam("approvedTo")
        String approvedTo;

        RegisterQuery query() {
            try {
                return RegisterQuery.parse(q, status, category, sector, commercial, approvedFrom, approvedTo);
            } catch (RegisterQuery.InvalidRegisterQueryException e) {
                throw badRequest(e.getMessage());
            }
        }
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
        throw badRequest("'" + name + "' must be a positive whole number, not '" + value.strip() + "'.");
    }

    private static BadRequestException badRequest(String message) {
        return new BadRequestException(Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", message)).build());
    }
}

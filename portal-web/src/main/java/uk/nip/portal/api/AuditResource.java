package uk.nip.portal.api;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import uk.nip.governance.audit.AuditRecord;
import uk.nip.governance.audit.AuditSearch;
import uk.nip.governance.audit.AuditTrail;
import uk.nip.governance.audit.ChainVerification;
import uk.nip.governance.audit.HeadSnapshot;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.Csv;

/**
 * For auditors: verify the hash chain, search the records, export them as CSV or JSON, and read
 * the head. Searches and exports are themselves audited ({@code audit.search}, {@code audit.export}).
 *
 * <p>Filters, all optional: {@code actor} (username), {@code action} (prefix, e.g. {@code application.}),
 * {@code objectType}, {@code objectId}, {@code from} (inclusive) and {@code to} (exclusive) as
 * ISO-8601 instants ({@code 2026-11-27T10:00:00Z}) or dates ({@code 2026-11-27}: {@code from} is the
 * start of that day UTC, {@code to} includes the whole day), and {@code max}.
 */
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    static final String CSV = "text/csv";
    static final List<String> COLUMNS = List.of("seq", "at", "actor", "role", "action", "objectType", "objectId",
            "origin", "detail", "prevHash", "hash");

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

    /** The newest matching records, newest first; 100 unless {@code max} says otherwise (at most 1000). */
    @GET
    @Path("records")
    public List<RecordView> search(@QueryParam("actor") String who, @QueryParam("action") String action,
            @QueryParam("objectType") String objectType, @QueryParam("objectId") String objectId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("max") String max) {
        Integer limit = number("max", max);
        AuditSearch criteria = criteria(who, action, objectType, objectId, from, to,
                limit == null ? null : Math.max(1, limit));
        return audit.search(actor, criteria).stream().map(RecordView::of).toList();
    }

    /** The newest sequence number and hash, with when it was written: what is published outside the database. */
    @GET
    @Path("head")
    public HeadSnapshot head() {
        return audit.head(actor);
    }

    /**
     * Every matching record, oldest first, as CSV with a header row, streamed. A value a spreadsheet
     * would run as a formula starts with an apostrophe here ({@link Csv}); the JSON export keeps it exactly.
     */
    @GET
    @Path("export.csv")
    @Produces(CSV)
    public Response exportCsv(@QueryParam("actor") String who, @QueryParam("action") String action,
            @QueryParam("objectType") String objectType, @QueryParam("objectId") String objectId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("max") String max) {
        AuditSearch criteria = criteria(who, action, objectType, objectId, from, to, number("max", max));
        long upTo = audit.beginExport(actor, criteria, "csv");
        Actor exporter = actor;
        StreamingOutput body = out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            Csv.row(w, COLUMNS);
            try {
                audit.export(exporter, criteria, upTo, r -> {
                    try {
                        Csv.row(w, List.of(Long.toString(r.getSeq()), r.getAt().toString(), r.getActor(),
                                r.getRole(), r.getAction(), r.getObjectType(), r.getObjectId(), r.getOrigin(),
                                r.getDetail() == null ? "" : r.getDetail(), r.getPrevHash(), r.getHash()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            w.flush();
        };
        return download(body, CSV + "; charset=UTF-8", "csv", upTo);
    }

    /** Every matching record, oldest first, as one JSON array of the same objects {@code records} returns, streamed. */
    @GET
    @Path("export.json")
    public Response exportJson(@QueryParam("actor") String who, @QueryParam("action") String action,
            @QueryParam("objectType") String objectType, @QueryParam("objectId") String objectId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("max") String max) {
        AuditSearch criteria = criteria(who, action, objectType, objectId, from, to, number("max", max));
        long upTo = audit.beginExport(actor, criteria, "json");
        Actor exporter = actor;
        StreamingOutput body = out -> {
            try (JsonGenerator json = Json.createGenerator(out)) {
                json.writeStartArray();
                audit.export(exporter, criteria, upTo, r -> {
                    json.writeStartObject()
                            .write("seq", r.getSeq())
                            .write("at", r.getAt().toString())
                            .write("actor", r.getActor())
                            .write("role", r.getRole())
                            .write("action", r.getAction())
                            .write("objectType", r.getObjectType())
                            .write("objectId", r.getObjectId())
                            .write("origin", r.getOrigin());
                    if (r.getDetail() == null) {
                        json.writeNull("detail");
                    } else {
                        json.write("detail", r.getDetail());
                    }
                    json.write("prevHash", r.getPrevHash()).write("hash", r.getHash()).writeEnd();
                });
                json.writeEnd();
            }
        };
        return download(body, MediaType.APPLICATION_JSON + "; charset=UTF-8", "json", upTo);
    }

    private static Response download(StreamingOutput body, String type, String extension, long upTo) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        return Response.ok(body, type)
                .header("Content-Disposition", "attachment; filename=\"audit-records-" + stamp + "." + extension + "\"")
                .header("X-Audit-Up-To-Seq", upTo)
                .header("Cache-Control", "no-store")
                .build();
    }

    private static AuditSearch criteria(String who, String action, String objectType, String objectId, String from,
            String to, Integer max) {
        try {
            return new AuditSearch(who, action, objectType, objectId, instant("from", from, false),
                    instant("to", to, true), max);
        } catch (AuditSearch.InvalidSearchException e) {
            throw badRequest(e.getMessage());
        }
    }

    /** Blank is "not given", as an empty form field sends it. */
    private static Integer number(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw badRequest("'" + name + "' must be a whole number, not '" + value.strip() + "'.");
        }
    }

    private static Instant instant(String name, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw badRequest("'" + name + "' must be an ISO-8601 instant such as 2026-11-27T10:00:00Z or a date such as"
                    + " 2026-11-27, not '" + v + "'.");
        }
    }

    private static BadRequestException badRequest(String message) {
        return new BadRequestException(Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", message)).build());
    }
}

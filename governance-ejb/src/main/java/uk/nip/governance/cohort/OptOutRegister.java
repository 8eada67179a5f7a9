package uk.nip.governance.cohort;

import uk.nip.governance.domain.Sha256;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import uk.nip.governance.application.ValidationException;
import uk.nip.governance.audit.AuditTrail;
import uk.nip.governance.domain.AccessDeniedException;
import uk.nip.governance.domain.Actor;
import uk.nip.governance.domain.Role;

/**
 * The national data opt-out register, kept by custodians. Every change is audited, but the audit
 * trail holds a hash of the patient identifier, never the identifier itself.
 */
@ApplicationScoped
@Transactional
public class OptOutRegister {

    private static final String UNCHANGED = "The opt-out register was not changed";
    private static final String NOT_AN_IDENTIFIER =
            " is not a patient identifier: use an NHS number or the archive's patient ID.";
    /** NHS numbers (10 digits) or the archive's own patient identifiers: letters, digits, dots, hyphens. */
    private static final Pattern PATIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.\\-]{0,63}");

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    public record Change(List<String> added, List<String> alreadyThere, long version) {
    }

    public Change register(Actor actor, List<String> patientIds, String source) {
        requireCustodian(actor);
        // every problem at once, so a long extract is not sent back line by line
        Map<String, String> problems = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        List<String> lines = patientIds == null ? List.of() : patientIds;
        for (int i = 0; i < lines.size(); i++) {
            // a blank line of a pasted extract names nobody; its number still counts, as the custodian sees it
            if (lines.get(i) == null || lines.get(i).isBlank()) {
                continue;
            }
            String id = normalised(lines.get(i));
            if (id == null) {
                problems.put("patientIds[" + i + "]", "Line " + (i + 1) + NOT_AN_IDENTIFIER);
            } else if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        if (ids.isEmpty() && problems.isEmpty()) {
            problems.put("patientIds", "Give at least one patient identifier.");
        }
        if (source == null || source.isBlank()) {
            problems.put("source", "Say where the opt-outs come from (for example the NHS"
                    + " national data opt-out service extract of a date).");
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(UNCHANGED, problems);
        }
        List<String> added = new ArrayList<>();
        List<String> already = new ArrayList<>();
        Instant now = Instant.now();
        for (String id : ids) {
            if (em.find(OptOut.class, id) != null) {
                already.add(id);
            } else {
                em.persist(new OptOut(id, now, actor.username()));
                added.add(id);
                audit.record(actor, "opt-out.register", "opt-out", fingerprint(id), source.strip());
            }
        }
        return new Change(added, already, added.isEmpty() ? version() : bump());
    }

    public long remove(Actor actor, String patientId, String reason) {
        requireCustodian(actor);
        String id = normalised(patientId);
        Map<String, String> problems = new LinkedHashMap<>();
        if (id == null) {
            problems.put("patientId", oneIdentifierProblem(patientId));
        }
        if (reason == null || reason.isBlank()) {
            problems.put("reason", "Say why the opt-out is removed (for example the patient withdrew it).");
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(UNCHANGED, problems);
        }
        OptOut o = em.find(OptOut.class, id);
        if (o == null) {
            throw new ValidationException(UNCHANGED, Map.of("patientId", "That patient is not on the opt-out register."));
        }
        em.remove(o);
        audit.record(actor, "opt-out.remove", "opt-out", fingerprint(id), reason.strip());
        return bump();
    }

    public long count(Actor actor) {
        requireCustodian(actor);
        return em.createQuery("select count(o) from OptOut o", Long.class).getSingleResult();
    }

    public boolean contains(Actor actor, String patientId) {
        requireCustodian(actor);
        String id = normalised(patientId);
        if (id == null) {
            throw new ValidationException("The register was not searched",
                    Map.of("patientId", oneIdentifierProblem(patientId)));
        }
        return em.find(OptOut.class, id) != null;
    }

    /**
     * The whole register, which the workflow hands to the broker with each provisioning and count
     * task; no person reads it in bulk. At national scale (millions of entries) this would become a
     * delta feed: see ADR 0009.
     */
    public List<String> snapshot(Actor actor) {
        if (!actor.isSystem()) {
            throw new AccessDeniedException("Only the workflow sends the opt-out register to the broker.");
        }
        return em.createQuery("select o.patientId from OptOut o order by o.patientId", String.class).getResultList();
    }

    public long version() {
        return ((Number) em.createNativeQuery("select version from national_opt_out_version where id = 1")
                .getSingleResult()).longValue();
    }

    private long bump() {
        // One row, locked by the update itself: concurrent changes get consecutive versions.
        em.createNativeQuery("update national_opt_out_version set version = version + 1 where id = 1").executeUpdate();
        return version();
    }

    /** What the audit trail records instead of the identifier: enough to match, not to read. */
    public static String fingerprint(String patientId) {
        return "sha256:" + Sha256.hex(patientId.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    private static String oneIdentifierProblem(String raw) {
        return raw == null || raw.isBlank() ? "Give the patient's NHS number or the archive's patient ID."
                : "This" + NOT_AN_IDENTIFIER;
    }

    /** The identifier as the register keeps it (NHS numbers without spaces or dashes), or null if it is none. */
    private static String normalised(String raw) {
        String s = raw == null ? "" : raw.replaceAll("\\s", "");
        if (s.matches("\\d{3}-?\\d{3}-?\\d{4}")) {
            s = s.replace("-", "");
        }
        return PATIENT_ID.matcher(s).matches() ? s : null;
    }

    private static void requireCustodian(Actor actor) {
        if (!actor.has(Role.CUSTODIAN)) {
            throw new AccessDeniedException("Only custodians keep the national data opt-out register.");
        }
    }
}

package uk.nip.broker.cohort;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The national data opt-out list: patients whose data must not be used for research. One
 * patient id (NHS number) per line; blank lines and lines starting with '#' are ignored;
 * spaces and hyphens inside a number do not matter. The file is read on every selection, so
 * an update applies to the next task without a restart, and it is streamed, so a national
 * list of millions of numbers is never held in memory; only the cohort's own patients are.
 */
public final class OptOutList {

    private final Path file;
    /** The portal's register as sent with the task, normalised; null when the task carried none. */
    private final Set<String> register;

    private OptOutList(Path file) {
        this(file, null);
    }

    private OptOutList(Path file, Set<String> register) {
        this.file = file;
        this.register = register;
    }

    /**
     * This list plus the register the portal's custodians keep, which the workflow sends with
     * each task (variable {@code optOutPatientIds}, one id per line).
     */
    public OptOutList withRegister(Collection<String> patientIds) {
        Set<String> ids = new HashSet<>();
        for (String id : patientIds) {
            if (id != null && !id.isBlank()) {
                ids.add(normalise(id.strip()));
            }
        }
        return new OptOutList(file, ids);
    }

    /** No list configured: nobody is excluded. */
    public static OptOutList none() {
        return new OptOutList(null);
    }

    public static OptOutList file(Path file) {
        return new OptOutList(file);
    }

    public static OptOutList of(Path fileOrNull) {
        return fileOrNull == null ? none() : file(fileOrNull);
    }

    public boolean configured() {
        return file != null || register != null;
    }

    /**
     * Which of these patient ids are on the list. A configured list that cannot be read is an
     * error, never an empty list: provisioning stops rather than release opted-out patients.
     */
    public Set<String> optedOutAmong(Set<String> patientIds) throws IOException {
        Set<String> out = new HashSet<>();
        if (patientIds.isEmpty()) {
            return out;
        }
        Map<String, String> byNormalised = new HashMap<>();
        for (String id : patientIds) {
            if (id != null) {
                byNormalised.put(normalise(id), id);
            }
        }
        if (register != null) {
            byNormalised.forEach((normalised, original) -> {
                if (register.contains(normalised)) {
                    out.add(original);
                }
            });
        }
        if (file == null) {
            return out;
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException("the national data opt-out list is configured but missing: " + file);
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                String original = byNormalised.get(normalise(s));
                if (original != null) {
                    out.add(original);
                }
            }
        }
        return out;
    }

    static String normalise(String id) {
        return id.replaceAll("[\\s-]", "");
    }
}

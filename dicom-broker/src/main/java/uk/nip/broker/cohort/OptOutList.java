package uk.nip.broker.cohort;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private OptOutList(Path file) {
        this.file = file;
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
        return file != null;
    }

    /**
     * Which of these patient ids are on the list. A configured list that cannot be read is an
     * error, never an empty list: provisioning stops rather than release opted-out patients.
     */
    public Set<String> optedOutAmong(Set<String> patientIds) throws IOException {
        Set<String> out = new HashSet<>();
        if (file == null || patientIds.isEmpty()) {
            return out;
        }
        Map<String, String> byNormalised = new HashMap<>();
        for (String id : patientIds) {
            if (id != null) {
                byNormalised.put(normalise(id), id);
            }
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

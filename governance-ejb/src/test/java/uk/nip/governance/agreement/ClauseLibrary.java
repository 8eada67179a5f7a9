package uk.nip.governance.agreement;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The clauses seeded by the V6 migration, read from the migration itself, so the tests check the
 * wording that is actually published rather than a copy of it.
 */
final class ClauseLibrary {

    private static final Pattern ROW = Pattern.compile(
            "\\('([A-Z_]+)', (\\d+), '((?:[^']|'')*)',\\s*'((?:[^']|'')*)',\\s*(true|false)\\)");

    private ClauseLibrary() {
    }

    static List<Clause> seeded() {
        try (InputStream in = ClauseLibrary.class.getResourceAsStream("/db/migration/common/V6__agreements.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<Clause> clauses = new ArrayList<>();
            Matcher m = ROW.matcher(sql);
            while (m.find()) {
                clauses.add(new Clause(m.group(1), Integer.parseInt(m.group(2)), m.group(3).replace("''", "'"),
                        m.group(4).replace("''", "'"), Boolean.parseBoolean(m.group(5))));
            }
            return clauses;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

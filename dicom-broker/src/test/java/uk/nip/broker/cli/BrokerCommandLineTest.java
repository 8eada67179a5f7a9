package uk.nip.broker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class BrokerCommandLineTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return new BrokerCommandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env).run(List.of(args));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void usageMistakesExitWithStatus2AndSayWhatIsWrong() throws Exception {
        Files.createDirectories(tmp.resolve("in"));
        String in = tmp.resolve("in").toString();
        String o = tmp.resolve("out").toString();
        assertEquals(2, run(Map.of()));
        assertTrue(stderr().contains("usage:"));
        assertEquals(2, run(Map.of(), "deidentify", "--in", in, "--out", o));
        assertTrue(stderr().contains("--project is required"), stderr());
        assertEquals(2, run(Map.of(), "deidentify", "--project", "../up", "--in", in, "--out", o));
        assertTrue(stderr().contains("project id must be"), stderr());
        assertEquals(2, run(Map.of(), "deidentify", "--project", "P", "--in", in, "--out", o, "--option", "retain-everything"));
        assertTrue(stderr().contains("unknown de-identification option 'retain-everything'"), stderr());
        assertEquals(2, run(Map.of(), "deidentify", "--project", "P", "--in", tmp.resolve("missing").toString(), "--out", o));
        assertTrue(stderr().contains("--in must be an existing folder"), stderr());
        assertEquals(2, run(Map.of(), "deidentify", "--project", "P", "--in", in, "--out", tmp.resolve("in/inside").toString()));
        assertTrue(stderr().contains("must not contain one another"), stderr());
        assertEquals(2, run(Map.of(), "shred"));
        assertTrue(stderr().contains("unknown command 'shred'"), stderr());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void generateThenDeidentifyPrintsASummaryWhoseCountsAddUp() throws Exception {
        Path demo = tmp.resolve("demo");
        assertEquals(0, run(Map.of(), "generate-demo", "--out", demo.toString(), "--patients", "2", "--studies-per-patient", "1"));
        JsonNode generated = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals(8, generated.path("files").asInt());
        Files.writeString(demo.resolve("notes.txt"), "not an image");
        out.reset();

        Path store = tmp.resolve("restricted");
        assertEquals(0, run(Map.of("BROKER_STORE_DIR", store.toString()), "deidentify", "--project", "PRJ-1",
                "--in", demo.toString(), "--out", tmp.resolve("released").toString(),
                "--option", "retain-safe-private", "retain-longitudinal-modified-dates"), stderr());
        JsonNode summary = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("PRJ-1", summary.path("project").asText());
        assertEquals(9, summary.path("received").asInt());
        assertEquals(8, summary.path("written").asInt());
        assertEquals(1, summary.path("quarantined").size());
        assertEquals("notes.txt", summary.path("quarantined").get(0).path("file").asText());
        assertEquals("not-dicom", summary.path("quarantined").get(0).path("reason").asText());
        assertEquals(summary.path("received").asInt(), summary.path("written").asInt() + summary.path("quarantined").size());
        assertEquals(List.of("retain-longitudinal-modified-dates", "retain-safe-private"),
                new ObjectMapper().convertValue(summary.path("profile").path("options"), List.class));
        assertTrue(summary.path("quarantineFolder").asText().startsWith(store.toString()));
        assertTrue(Files.exists(store.resolve("projects/PRJ-1/project.key")));
        assertTrue(!Files.exists(tmp.resolve(".broker-store")), "BROKER_STORE_DIR replaces the default store");
    }
}

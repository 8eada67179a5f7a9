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

    @Test
    void provisionAndCohortCountsWorkOnAFolderArchiveFromTheCommandLine() throws Exception {
        Path archive = tmp.resolve("archive");
        assertEquals(0, run(Map.of(), "generate-demo", "--out", archive.resolve("DS-CLI").toString(), "--patients", "9",
                "--studies-per-patient", "1", "--images-per-series", "1", "--rows", "32", "--columns", "48",
                "--body-part", "KNEE", "--site", "West Clinic", "--collection", "DS-CLI"), stderr());
        Path one = archive.resolve("DS-CLI/patient-01/study-01/image-001.dcm");
        com.pixelmed.dicom.AttributeList list = uk.nip.broker.TestSupport.read(one);
        assertEquals(32, com.pixelmed.dicom.Attribute.getSingleIntegerValueOrDefault(list, com.pixelmed.dicom.TagFromName.Rows, 0));
        assertEquals(48, com.pixelmed.dicom.Attribute.getSingleIntegerValueOrDefault(list, com.pixelmed.dicom.TagFromName.Columns, 0));
        assertEquals("DS-CLI", com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(list,
                com.pixelmed.dicom.TagFromName.ClinicalTrialProtocolID));
        out.reset();

        Map<String, String> env = Map.of("BROKER_STORE_DIR", tmp.resolve("restricted").toString());
        assertEquals(0, run(env, "cohort-counts", "--dataset", "DS-CLI", "--archive-dir", archive.toString(),
                "--body-parts", "knee", "--sites", "west clinic"), stderr());
        JsonNode counts = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertEquals("9", counts.path("cohortPatients").asText());
        assertEquals("≤7", new ObjectMapper().readTree(counts.path("cohortBreakdown").asText()).path("patientsBySex").path("M").asText());
        out.reset();

        assertEquals(0, run(env, "provision", "--project", "PRJ-CLI", "--dataset", "DS-CLI", "--archive-dir", archive.toString(),
                "--out", tmp.resolve("outputs").toString(), "--sex", "F"), stderr());
        JsonNode summary = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        // patients 1, 3, 5, 7 and 9 are female in the demo data
        assertEquals(5, summary.path("written").asInt());
        assertEquals(5, uk.nip.broker.TestSupport.dicomFiles(tmp.resolve("outputs/PRJ-CLI/DS-CLI")).size());

        assertEquals(2, run(env, "provision", "--project", "PRJ-CLI", "--dataset", "DS-CLI", "--out", "x"));
        assertTrue(stderr().contains("give --archive-url or --archive-dir"), stderr());
        assertEquals(2, run(env, "cohort-counts", "--dataset", "DS-CLI", "--archive-dir", archive.toString(), "--age-min", "old"));
        assertTrue(stderr().contains("cohortAgeMin must be a whole number"), stderr());
    }
}

package uk.nip.broker.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.TagFromName;

import uk.nip.broker.TestSupport;
import uk.nip.broker.demo.DemoDatasetGenerator;

/** The worker's cohort variables and the cohort-counts topic. */
class CohortTasksTest {

    @TempDir
    Path root;
    WorkerSettings settings;
    String optedOutPatient;

    @BeforeEach
    void archiveWithChestAndAbdomenStudies() throws Exception {
        Path optOut = root.resolve("opt-out.txt");
        WorkerSettings base = FakeTasks.settings(root, URI.create("http://127.0.0.1:9/engine-rest"), URI.create("http://127.0.0.1:9"));
        settings = new WorkerSettings(base.camundaRestUrl(), base.keycloakUrl(), base.realm(), base.clientId(),
                base.clientSecret(), base.archiveDir(), null, base.archiveCollectionAttribute(), optOut, base.outputDir(),
                base.storeDir(), base.lockDurationMillis(), base.maxFileBytes(), base.threads());
        Path collection = settings.archiveDir().resolve("DS-MIX");
        new DemoDatasetGenerator(41).generate(collection.resolve("chest"), 9, 1, 2);
        new DemoDatasetGenerator(42).bodyPart("ABDOMEN").generate(collection.resolve("abdomen"), 3, 1, 2);
        optedOutPatient = Attribute.getSingleStringValueOrEmptyString(
                TestSupport.read(collection.resolve("abdomen/patient-01/study-01/image-001.dcm")), TagFromName.PatientID);
        Files.writeString(optOut, "# test extract\n" + optedOutPatient + "\n");
    }

    private FakeTasks.RecordingService provision(Map<String, Object> cohort) {
        Map<String, Object> vars = new HashMap<>(Map.of("projectId", "PRJ-C", "datasetId", "DS-MIX", "applicationId", "APP-9"));
        vars.putAll(cohort);
        FakeTasks.RecordingService rec = new FakeTasks.RecordingService();
        new ProvisionDatasetHandler(settings).execute(FakeTasks.task("t", ProvisionDatasetHandler.TOPIC, null, vars), rec.service);
        return rec;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> completed(FakeTasks.RecordingService rec) {
        return (Map<String, Object>) rec.only("complete").args().get(1);
    }

    private static Set<String> releasedPatients(Path folder) throws Exception {
        Set<String> ids = new TreeSet<>();
        for (Path f : TestSupport.dicomFiles(folder)) {
            ids.add(Attribute.getSingleStringValueOrEmptyString(TestSupport.read(f), TagFromName.PatientID));
        }
        return ids;
    }

    private static Set<String> filesIn(Path folder) throws Exception {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void provisioningReleasesOnlyTheSelectedCohortAndTheFolderFollowsTheLatestSelection() throws Exception {
        Map<String, Object> abdomen = completed(provision(Map.of("cohortBodyParts", "ABDOMEN")));
        // three abdomen patients, one of them opted out: two patients, two images each
        assertEquals(4L, abdomen.get("filesWritten"));
        assertEquals(0L, abdomen.get("filesQuarantined"));
        Path out = Path.of((String) abdomen.get("outputLocation"));
        assertEquals(2, releasedPatients(out).size());
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("manifest.json").toFile());
        assertEquals("ABDOMEN", manifest.path("cohort").path("criteria").path("bodyParts").get(0).asText());
        assertTrue(manifest.path("cohort").path("nationalDataOptOutApplied").asBoolean());

        Map<String, Object> everyone = completed(provision(Map.of()));
        assertEquals(22L, everyone.get("filesWritten"));
        assertEquals(11, releasedPatients(out).size());

        // narrowing the cohort again removes what the wider one released: the folder is exactly the manifest
        Map<String, Object> again = completed(provision(Map.of("cohortBodyParts", "abdomen", "cohortSex", "")));
        assertEquals(abdomen.get("manifestSha256"), again.get("manifestSha256"));
        Set<String> listed = new TreeSet<>();
        new ObjectMapper().readTree(out.resolve("manifest.json").toFile()).path("files")
                .forEach(f -> listed.add(f.path("path").asText()));
        listed.add("manifest.json");
        assertEquals(listed, filesIn(out));

        // the resolved source instances are recorded, but only in the restricted store
        Path record = settings.storeDir().resolve("projects/PRJ-C/cohorts/DS-MIX.json");
        assertEquals(4, new ObjectMapper().readTree(record.toFile()).path("instances").size());
    }

    @Test
    void cohortCountsAreAggregateAndSuppressed() throws Exception {
        FakeTasks.RecordingService rec = new FakeTasks.RecordingService();
        new CohortCountsHandler(settings).execute(FakeTasks.task("c", CohortCountsHandler.TOPIC, null,
                Map.of("datasetId", "DS-MIX", "cohortModalities", "CT")), rec.service);
        Map<String, Object> vars = completed(rec);
        // 12 patients less the one who opted out
        assertEquals("11", vars.get("cohortPatients"));
        assertEquals("11", vars.get("cohortStudies"));
        assertEquals("22", vars.get("cohortInstances"));
        JsonNode breakdown = new ObjectMapper().readTree((String) vars.get("cohortBreakdown"));
        assertEquals("9", breakdown.path("patientsByBodyPart").path("CHEST").asText());
        assertEquals("≤7", breakdown.path("patientsByBodyPart").path("ABDOMEN").asText());
        vars.values().forEach(v -> assertTrue(v instanceof String, "every count is returned as text: " + v));

        FakeTasks.RecordingService small = new FakeTasks.RecordingService();
        new CohortCountsHandler(settings).execute(FakeTasks.task("c2", CohortCountsHandler.TOPIC, null,
                Map.of("cohortCollections", "DS-MIX", "cohortBodyParts", "ABDOMEN")), small.service);
        assertEquals("≤7", completed(small).get("cohortPatients"));
        assertEquals("≤7", completed(small).get("cohortInstances"));
    }

    @Test
    void aMissingOptOutListOrBadCriteriaFailTheTaskInsteadOfReleasingData() throws Exception {
        Files.delete(settings.optOutFile());
        FakeTasks.RecordingService rec = provision(Map.of());
        String message = (String) rec.only("handleFailure").args().get(1);
        assertTrue(message.contains("opt-out list is configured but missing"), message);
        assertFalse(Files.exists(settings.outputDir()), "nothing is written before the opt-out check");

        FakeTasks.RecordingService bad = provision(Map.of("cohortAgeMin", "eighty"));
        assertTrue(((String) bad.only("handleFailure").args().get(1)).contains("cohortAgeMin must be a whole number"));
        assertFalse(Files.exists(settings.outputDir()));
    }
}

package uk.nip.broker.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;

import uk.nip.broker.TestSupport;
import uk.nip.broker.archive.ArchiveIndex;
import uk.nip.broker.archive.ArchivedInstance;
import uk.nip.broker.archive.FolderArchive;
import uk.nip.broker.deid.RestrictedStore;
import uk.nip.broker.demo.DemoDatasetGenerator;

/** Cohorts chosen from the archive index, checked against the files' own headers read independently. */
class CohortSelectionTest {

    /** One source file's facts, as PixelMed reads them, for computing expected cohorts. */
    record Source(String key, String patientId, String sex, int age, LocalDate studyDate, String bodyPart, String site,
            String studyUid) {
    }

    @TempDir
    Path tmp;
    Path collection;
    FolderArchive archive;
    ArchiveIndex index;
    List<Source> sources;

    @BeforeEach
    void mixedCollection() throws Exception {
        collection = tmp.resolve("archive/DS-MIX");
        new DemoDatasetGenerator(31).generate(collection.resolve("chest"), 9, 1, 2);
        new DemoDatasetGenerator(32).bodyPart("ABDOMEN").site("North Clinic").generate(collection.resolve("abdomen"), 2, 2, 1);
        archive = new FolderArchive(tmp.resolve("archive"));
        index = ArchiveIndex.open(new RestrictedStore(tmp.resolve("store")));
        index.refresh(archive, "DS-MIX", 2);
        sources = new java.util.ArrayList<>();
        for (Path f : TestSupport.dicomFiles(collection)) {
            AttributeList a = TestSupport.read(f);
            sources.add(new Source(collection.relativize(f).toString(), text(a, TagFromName.PatientID), text(a, TagFromName.PatientSex),
                    Integer.parseInt(text(a, TagFromName.PatientAge).substring(0, 3)),
                    LocalDate.parse(text(a, TagFromName.StudyDate), DateTimeFormatter.BASIC_ISO_DATE),
                    text(a, TagFromName.BodyPartExamined), text(a, TagFromName.InstitutionName),
                    text(a, TagFromName.StudyInstanceUID)));
        }
        assertEquals(22, sources.size());
    }

    @AfterEach
    void closeIndex() throws IOException {
        index.close();
    }

    private static String text(AttributeList a, com.pixelmed.dicom.AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(a, tag).trim();
    }

    private Set<String> selected(Map<String, String> variables, OptOutList optOut) throws IOException {
        return CohortSelection.select(index, archive, List.of("DS-MIX"), CohortCriteria.from(variables::get), optOut)
                .instances().stream().map(ArchivedInstance::sourceKey).collect(Collectors.toCollection(TreeSet::new));
    }

    private Set<String> expected(Predicate<Source> rule) {
        return sources.stream().filter(rule).map(Source::key).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void eachCriterionAndTheirCombinationSelectExactlyTheMatchingInstances() throws Exception {
        assertEquals(expected(s -> true), selected(Map.of(), OptOutList.none()));
        assertEquals(expected(s -> s.bodyPart().equals("ABDOMEN")), selected(Map.of("cohortBodyParts", "abdomen"), OptOutList.none()));
        assertEquals(4, selected(Map.of("cohortBodyParts", "abdomen"), OptOutList.none()).size());
        assertEquals(expected(s -> s.sex().equals("F")), selected(Map.of("cohortSex", "f"), OptOutList.none()));
        assertEquals(expected(s -> s.site().equals("North Clinic")), selected(Map.of("cohortSites", "NORTH CLINIC"), OptOutList.none()));
        assertEquals(Set.of(), selected(Map.of("cohortModalities", "MR,US"), OptOutList.none()));
        assertEquals(expected(s -> true), selected(Map.of("cohortModalities", "MR, CT"), OptOutList.none()));

        // bounds are inclusive: pick them from the data so both edges are exercised
        List<Integer> ages = sources.stream().map(Source::age).sorted().toList();
        int low = ages.get(5);
        int high = ages.get(15);
        assertEquals(expected(s -> s.age() >= low && s.age() <= high),
                selected(Map.of("cohortAgeMin", String.valueOf(low), "cohortAgeMax", String.valueOf(high)), OptOutList.none()));
        List<LocalDate> dates = sources.stream().map(Source::studyDate).sorted().toList();
        LocalDate from = dates.get(4);
        LocalDate to = dates.get(17);
        assertEquals(expected(s -> !s.studyDate().isBefore(from) && !s.studyDate().isAfter(to)),
                selected(Map.of("cohortStudyDateFrom", from.toString(),
                        "cohortStudyDateTo", to.format(DateTimeFormatter.BASIC_ISO_DATE)), OptOutList.none()));

        Map<String, String> combined = Map.of("cohortSex", "M", "cohortAgeMin", String.valueOf(low),
                "cohortStudyDateTo", to.toString(), "cohortBodyParts", "CHEST,ABDOMEN");
        assertEquals(expected(s -> s.sex().equals("M") && s.age() >= low && !s.studyDate().isAfter(to)),
                selected(combined, OptOutList.none()));
    }

    @Test
    void patientsOnTheOptOutListAreNeverSelectedOrCounted() throws Exception {
        Source optedOut = sources.get(0);
        String spaced = optedOut.patientId().substring(0, 3) + " " + optedOut.patientId().substring(3, 6) + " "
                + optedOut.patientId().substring(6);
        Path list = tmp.resolve("national-data-opt-out.txt");
        Files.writeString(list, "# national data opt-out, test extract\n\n9999999999\n" + spaced + "\n");

        Set<String> chosen = selected(Map.of(), OptOutList.file(list));
        assertEquals(expected(s -> !s.patientId().equals(optedOut.patientId())), chosen);
        assertFalse(chosen.isEmpty());

        CohortCounts all = CohortSelection.select(index, archive, List.of("DS-MIX"), CohortCriteria.EVERYONE, OptOutList.none()).counts();
        CohortCounts without = CohortSelection.select(index, archive, List.of("DS-MIX"), CohortCriteria.EVERYONE, OptOutList.file(list)).counts();
        assertEquals(11, all.patients());
        assertEquals(10, without.patients());

        // an unreadable file in the collection cannot be checked against the list: left out
        Files.writeString(collection.resolve("scan-notes.txt"), "not an image");
        index.refresh(archive, "DS-MIX", 2);
        assertTrue(selected(Map.of(), OptOutList.none()).contains("scan-notes.txt"));
        assertFalse(selected(Map.of(), OptOutList.file(list)).contains("scan-notes.txt"));

        IOException missing = assertThrows(IOException.class, () -> selected(Map.of(), OptOutList.file(tmp.resolve("gone.txt"))));
        assertTrue(missing.getMessage().contains("opt-out list is configured but missing"));
    }

    @Test
    void countsAreSuppressedAtSevenOrFewer() throws Exception {
        CohortCounts counts = CohortSelection.select(index, archive, List.of("DS-MIX"), CohortCriteria.EVERYONE, OptOutList.none()).counts();
        assertEquals(11, counts.patients());
        assertEquals(sources.stream().map(Source::studyUid).distinct().count(), counts.studies());
        assertEquals(13, counts.studies());
        assertEquals(22, counts.instances());

        Map<String, Object> vars = counts.asVariables();
        assertEquals("11", vars.get("cohortPatients"));
        assertEquals("13", vars.get("cohortStudies"));
        assertEquals("13", vars.get("cohortSeries"));
        assertEquals("22", vars.get("cohortInstances"));
        JsonNode breakdown = new ObjectMapper().readTree((String) vars.get("cohortBreakdown"));
        assertEquals("9", breakdown.path("patientsByBodyPart").path("CHEST").asText());
        assertEquals("≤7", breakdown.path("patientsByBodyPart").path("ABDOMEN").asText());
        Map<String, Long> bySex = new HashMap<>();
        sources.stream().collect(Collectors.groupingBy(Source::sex, Collectors.mapping(Source::patientId, Collectors.toSet())))
                .forEach((sex, ids) -> bySex.put(sex, (long) ids.size()));
        bySex.forEach((sex, n) -> assertEquals(n <= 7 ? "≤7" : String.valueOf(n), breakdown.path("patientsBySex").path(sex).asText()));
        // nothing unsuppressed hides anywhere in what is returned
        vars.values().forEach(v -> assertFalse(String.valueOf(v).matches(".*\"[0-7]\".*|[0-7]"), String.valueOf(v)));

        Map<String, Object> small = CohortSelection.select(index, archive, List.of("DS-MIX"),
                CohortCriteria.from(Map.of("cohortBodyParts", "ABDOMEN")::get), OptOutList.none()).counts().asVariables();
        assertEquals("≤7", small.get("cohortPatients"));
        assertEquals("≤7", small.get("cohortStudies"));
        assertEquals("≤7", small.get("cohortInstances"));

        assertEquals("≤7", SmallNumbers.suppress(0));
        assertEquals("≤7", SmallNumbers.suppress(7));
        assertEquals("8", SmallNumbers.suppress(8));
    }

    @Test
    void criteriaThatMakeNoSenseAreRefusedWithTheVariableNamed() {
        IllegalArgumentException date = assertThrows(IllegalArgumentException.class,
                () -> CohortCriteria.from(Map.of("cohortStudyDateFrom", "31/03/2021")::get));
        assertTrue(date.getMessage().contains("cohortStudyDateFrom"));
        IllegalArgumentException band = assertThrows(IllegalArgumentException.class,
                () -> CohortCriteria.from(Map.of("cohortAgeMin", "70", "cohortAgeMax", "40")::get));
        assertTrue(band.getMessage().contains("cohortAgeMin is greater than cohortAgeMax"));
        IllegalArgumentException sex = assertThrows(IllegalArgumentException.class,
                () -> CohortCriteria.from(Map.of("cohortSex", "X")::get));
        assertTrue(sex.getMessage().contains("cohortSex must be M, F or O"));
        assertThrows(IllegalArgumentException.class, () -> CohortCriteria.from(Map.of("cohortAgeMax", "-1")::get));
        assertTrue(CohortCriteria.from(Map.of("cohortModalities", "  ")::get).isEmpty());
    }
}

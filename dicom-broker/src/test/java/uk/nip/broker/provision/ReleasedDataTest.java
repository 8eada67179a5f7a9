package uk.nip.broker.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

import uk.nip.broker.TestSupport;
import uk.nip.broker.deid.DeidentificationOption;
import uk.nip.broker.deid.DeidentificationProfile;
import uk.nip.broker.demo.DemoDatasetGenerator;

/** What a project receives from the demo collection: stable pseudonyms, shifted dates, honest markers. */
class ReleasedDataTest {

    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

    @TempDir
    static Path tmp;
    static Path demo;
    static Path store;
    static RunReport projectA;

    @BeforeAll
    static void provisionDemoForProjectA() throws Exception {
        demo = tmp.resolve("demo");
        new DemoDatasetGenerator(DemoDatasetGenerator.DEFAULT_SEED).generate(demo, 3, 2, 3);
        store = tmp.resolve("store");
        projectA = TestSupport.deidentify("project-a", demo, tmp.resolve("a1"), store, DeidentificationProfile.tciaDefault());
        assertEquals(18, projectA.written(), projectA.summary().toString());
    }

    @Test
    void sameProjectTwiceGivesByteIdenticalFilesAndManifest() throws Exception {
        RunReport again = TestSupport.deidentify("project-a", demo, tmp.resolve("a2"), store, DeidentificationProfile.tciaDefault());
        assertEquals(fileHashes(projectA), fileHashes(again));
        assertEquals(projectA.manifestSha256(), again.manifestSha256());
        assertEquals(Files.readString(projectA.manifest()), Files.readString(again.manifest()));
    }

    @Test
    void rerunningIntoTheSameFolderAddsNoFiles() throws Exception {
        Path out = tmp.resolve("rerun");
        TestSupport.deidentify("project-a", demo, out, store, DeidentificationProfile.tciaDefault());
        int before = TestSupport.dicomFiles(out).size();
        RunReport second = TestSupport.deidentify("project-a", demo, out, store, DeidentificationProfile.tciaDefault());
        assertEquals(before, TestSupport.dicomFiles(out).size());
        assertEquals(projectA.manifestSha256(), second.manifestSha256());
    }

    @Test
    void anotherProjectGetsUnrelatedUidsAndPseudonyms() throws Exception {
        RunReport b = TestSupport.deidentify("project-b", demo, tmp.resolve("b"), store, DeidentificationProfile.tciaDefault());
        Set<String> uidsA = allInstanceUids(projectA.outputFolder());
        Set<String> uidsB = allInstanceUids(b.outputFolder());
        assertEquals(uidsA.size(), uidsB.size());
        Set<String> shared = new HashSet<>(uidsA);
        shared.retainAll(uidsB);
        assertTrue(shared.isEmpty(), "projects share UIDs: " + shared);
        assertNotEquals(patientIds(projectA.outputFolder()), patientIds(b.outputFolder()));
    }

    @Test
    void uidsAreNewShortAndConsistent() throws Exception {
        Set<String> sourceUids = allInstanceUids(demo);
        for (Path f : TestSupport.dicomFiles(projectA.outputFolder())) {
            AttributeList list = TestSupport.read(f);
            String sop = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SOPInstanceUID);
            assertEquals(sop, Attribute.getSingleStringValueOrEmptyString(list, TagFromName.MediaStorageSOPInstanceUID));
            assertEquals("1.2.840.10008.5.1.4.1.1.2", Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SOPClassUID));
            assertEquals("1.2.840.10008.1.2.1", Attribute.getSingleStringValueOrEmptyString(list, TagFromName.TransferSyntaxUID));
            for (String uid : List.of(sop,
                    Attribute.getSingleStringValueOrEmptyString(list, TagFromName.StudyInstanceUID),
                    Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SeriesInstanceUID),
                    Attribute.getSingleStringValueOrEmptyString(list, TagFromName.FrameOfReferenceUID))) {
                assertTrue(uid.startsWith("2.25.") && uid.length() <= 64, uid);
                assertTrue(!sourceUids.contains(uid), "source UID kept: " + uid);
            }
            // the file is named after its own new identity, so re-runs overwrite instead of duplicating
            assertEquals(sop + ".dcm", f.getFileName().toString());
        }
        // images of one series still share study, series and frame of reference after remapping
        assertEquals(6, countDistinct(projectA.outputFolder(), TagFromName.SeriesInstanceUID));
        assertEquals(6, countDistinct(projectA.outputFolder(), TagFromName.FrameOfReferenceUID));
    }

    @Test
    void datesMoveButIntervalsWithinAPatientStay() throws Exception {
        Map<String, List<LocalDate>> before = studyDatesByPatient(demo);
        Map<String, List<LocalDate>> after = studyDatesByPatient(projectA.outputFolder());
        assertEquals(before.size(), after.size());
        List<List<LocalDate>> beforeLists = new ArrayList<>(before.values());
        List<Long> intervalsBefore = new ArrayList<>();
        for (List<LocalDate> d : beforeLists) {
            intervalsBefore.add(ChronoUnit.DAYS.between(d.get(0), d.get(d.size() - 1)));
        }
        List<Long> intervalsAfter = new ArrayList<>();
        Set<LocalDate> allBefore = new HashSet<>();
        before.values().forEach(allBefore::addAll);
        for (List<LocalDate> d : after.values()) {
            intervalsAfter.add(ChronoUnit.DAYS.between(d.get(0), d.get(d.size() - 1)));
            for (LocalDate date : d) {
                assertTrue(!allBefore.contains(date), "a study date was not shifted: " + date);
            }
        }
        intervalsBefore.sort(null);
        intervalsAfter.sort(null);
        assertEquals(intervalsBefore, intervalsAfter);
        for (Path f : TestSupport.dicomFiles(projectA.outputFolder())) {
            AttributeList list = TestSupport.read(f);
            assertEquals("", Attribute.getSingleStringValueOrEmptyString(list, TagFromName.PatientBirthDate));
            // times of day are not moved by a whole-day shift
            assertEquals(Attribute.getSingleStringValueOrEmptyString(list, TagFromName.StudyTime),
                    Attribute.getSingleStringValueOrEmptyString(list, TagFromName.ContentTime));
        }
    }

    @Test
    void markersSayExactlyWhatWasDone() throws Exception {
        for (Path f : TestSupport.dicomFiles(projectA.outputFolder())) {
            AttributeList list = TestSupport.read(f);
            assertEquals("YES", Attribute.getSingleStringValueOrEmptyString(list, TagFromName.PatientIdentityRemoved));
            assertEquals("MODIFIED", Attribute.getSingleStringValueOrEmptyString(list, TagFromName.LongitudinalTemporalInformationModified));
            assertEquals(List.of("113100", "113105", "113107", "113108", "113109", "113111"), methodCodes(list));
            assertEquals(List.of("109104"), contributingPurposes(list));
            assertEquals("CHEST", Attribute.getSingleStringValueOrEmptyString(list, TagFromName.BodyPartExamined));
            assertTrue(!Attribute.getSingleStringValueOrEmptyString(list, TagFromName.PatientAge).isEmpty(),
                    "Retain Patient Characteristics keeps the age");
        }
    }

    @Test
    void basicProfileAloneRemovesDatesAndClaimsNoOption() throws Exception {
        RunReport basic = TestSupport.deidentify("project-basic", demo, tmp.resolve("basic"), store,
                DeidentificationProfile.fromOptionNames(List.of("basic")));
        assertTrue(basic.profile().options().isEmpty());
        for (Path f : TestSupport.dicomFiles(basic.outputFolder())) {
            AttributeList list = TestSupport.read(f);
            assertEquals(List.of("113100"), methodCodes(list));
            assertEquals("REMOVED", Attribute.getSingleStringValueOrEmptyString(list, TagFromName.LongitudinalTemporalInformationModified));
            assertEquals("", Attribute.getSingleStringValueOrEmptyString(list, TagFromName.PatientAge));
        }
    }

    @Test
    void aProfileWithSomeOptionsListsOnlyThose() throws Exception {
        DeidentificationProfile some = DeidentificationProfile.of(List.of(
                DeidentificationOption.RETAIN_SAFE_PRIVATE, DeidentificationOption.RETAIN_LONGITUDINAL_MODIFIED_DATES));
        RunReport run = TestSupport.deidentify("project-some", demo, tmp.resolve("some"), store, some);
        AttributeList list = TestSupport.read(TestSupport.dicomFiles(run.outputFolder()).get(0));
        assertEquals(List.of("113100", "113107", "113111"), methodCodes(list));
    }

    private static List<String> methodCodes(AttributeList list) {
        SequenceAttribute codes = (SequenceAttribute) list.get(TagFromName.DeidentificationMethodCodeSequence);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < codes.getNumberOfItems(); i++) {
            AttributeList item = codes.getItem(i).getAttributeList();
            assertEquals("DCM", Attribute.getSingleStringValueOrEmptyString(item, TagFromName.CodingSchemeDesignator));
            values.add(Attribute.getSingleStringValueOrEmptyString(item, TagFromName.CodeValue));
        }
        return values;
    }

    private static List<String> contributingPurposes(AttributeList list) {
        SequenceAttribute seq = (SequenceAttribute) list.get(TagFromName.ContributingEquipmentSequence);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < seq.getNumberOfItems(); i++) {
            AttributeList purpose = SequenceAttribute.getAttributeListFromWithinSequenceWithSingleItem(
                    seq.getItem(i).getAttributeList(), TagFromName.PurposeOfReferenceCodeSequence);
            values.add(Attribute.getSingleStringValueOrEmptyString(purpose, TagFromName.CodeValue));
        }
        return values;
    }

    private static Map<String, String> fileHashes(RunReport r) {
        Map<String, String> m = new TreeMap<>();
        r.outcomes().stream().filter(FileOutcome::isWritten).forEach(o -> m.put(o.outputPath(), o.sha256()));
        return m;
    }

    private static Set<String> allInstanceUids(Path folder) throws Exception {
        Set<String> uids = new HashSet<>();
        for (Path f : TestSupport.dicomFiles(folder)) {
            AttributeList list = TestSupport.read(f);
            uids.add(Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SOPInstanceUID));
            uids.add(Attribute.getSingleStringValueOrEmptyString(list, TagFromName.StudyInstanceUID));
            uids.add(Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SeriesInstanceUID));
            uids.add(Attribute.getSingleStringValueOrEmptyString(list, TagFromName.FrameOfReferenceUID));
        }
        return uids;
    }

    private static Set<String> patientIds(Path folder) throws Exception {
        Set<String> ids = new HashSet<>();
        for (Path f : TestSupport.dicomFiles(folder)) {
            ids.add(Attribute.getSingleStringValueOrEmptyString(TestSupport.read(f), TagFromName.PatientID));
        }
        return ids;
    }

    private static long countDistinct(Path folder, com.pixelmed.dicom.AttributeTag tag) throws Exception {
        Set<String> values = new HashSet<>();
        for (Path f : TestSupport.dicomFiles(folder)) {
            values.add(Attribute.getSingleStringValueOrEmptyString(TestSupport.read(f), tag));
        }
        return values.size();
    }

    /** Distinct study dates per patient (by whatever PatientID the folder carries), in order. */
    private static Map<String, List<LocalDate>> studyDatesByPatient(Path folder) throws Exception {
        Map<String, Set<LocalDate>> dates = new HashMap<>();
        for (Path f : TestSupport.dicomFiles(folder)) {
            AttributeList list = TestSupport.read(f);
            dates.computeIfAbsent(Attribute.getSingleStringValueOrEmptyString(list, TagFromName.PatientID), k -> new HashSet<>())
                    .add(LocalDate.parse(Attribute.getSingleStringValueOrEmptyString(list, TagFromName.StudyDate), DA));
        }
        Map<String, List<LocalDate>> sorted = new HashMap<>();
        dates.forEach((k, v) -> {
            List<LocalDate> l = new ArrayList<>(v);
            l.sort(null);
            assertEquals(2, l.size(), "each demo patient has two studies");
            sorted.put(k, l);
        });
        return sorted;
    }
}

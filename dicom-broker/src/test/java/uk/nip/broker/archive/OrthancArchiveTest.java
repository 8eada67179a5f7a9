package uk.nip.broker.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;

import uk.nip.broker.ProjectId;
import uk.nip.broker.TestSupport;
import uk.nip.broker.cohort.CohortCriteria;
import uk.nip.broker.cohort.OptOutList;
import uk.nip.broker.deid.RestrictedStore;
import uk.nip.broker.demo.DemoDatasetGenerator;
import uk.nip.broker.provision.DatasetProvisioning;
import uk.nip.broker.provision.RunReport;

/** Provisioning from a real Orthanc over DICOMweb: QIDO-RS to find, WADO-RS to fetch. */
class OrthancArchiveTest {

    @TempDir
    static Path root;
    static OrthancServer orthanc;
    static Path chestFiles;

    @BeforeAll
    static void startOrthancWithTwoCollections() throws Exception {
        orthanc = OrthancServer.start(root.resolve("orthanc"));
        chestFiles = root.resolve("sent/DS-CHEST");
        new DemoDatasetGenerator(11).collection("DS-CHEST").generate(chestFiles, 2, 2, 3);
        new DemoDatasetGenerator(12).collection("DS-OTHER").generate(root.resolve("sent/DS-OTHER"), 1, 1, 2);
        // a study that names no collection belongs to no dataset
        new DemoDatasetGenerator(13).generate(root.resolve("sent/unlabelled"), 1, 1, 2);
        // two instances, one whose SOP Instance UID is not a UID (a trailing dot), as archives do hold
        Path bad = root.resolve("sent/DS-BADUID");
        new DemoDatasetGenerator(14).collection("DS-BADUID").generate(bad, 1, 1, 2);
        TestSupport.dcmodify(TestSupport.dicomFiles(bad).get(0), "(0008,0018)=1.2.826.0.1.3680043.2.1143.77.1.");
        orthanc.store(root.resolve("sent"));
    }

    @AfterAll
    static void stopOrthanc() throws Exception {
        if (orthanc != null) {
            orthanc.close();
        }
    }

    private DicomWebArchive archive() {
        return new DicomWebArchive(orthanc.dicomWebRoot(), DicomWebArchive.DEFAULT_COLLECTION_ATTRIBUTE, Duration.ofMinutes(1));
    }

    @Test
    void findsOnlyTheStudiesOfTheRequestedCollectionWithTheirHeaders() throws Exception {
        DicomWebArchive archive = archive();
        List<ArchiveUnit> studies = archive.units("DS-CHEST");
        assertEquals(4, studies.size());
        studies.forEach(s -> assertEquals("3", s.fingerprint(), "instances per study"));
        List<ArchivedInstance> instances = new ArrayList<>();
        for (ArchiveUnit s : studies) {
            instances.addAll(archive.describe("DS-CHEST", s));
        }
        assertEquals(12, instances.size());
        Set<String> sentUids = new HashSet<>();
        for (Path f : TestSupport.dicomFiles(chestFiles)) {
            sentUids.add(Attribute.getSingleStringValueOrEmptyString(TestSupport.read(f), TagFromName.SOPInstanceUID));
        }
        Set<String> found = new HashSet<>();
        for (ArchivedInstance i : instances) {
            found.add(i.header().sopUid());
            assertEquals("CT", i.header().modality());
            assertEquals("CHEST", i.header().bodyPart());
            assertEquals(DemoDatasetGenerator.INSTITUTION, i.header().site());
            assertTrue(i.header().ageYears() != null && i.header().studyDate() != null && i.header().sex() != null);
            assertTrue(i.sourceKey().matches("[0-9.]+/[0-9.]+/[0-9.]+\\.dcm"), i.sourceKey());
        }
        assertEquals(sentUids, found);
        assertEquals(1, archive.units("DS-OTHER").size());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> archive.units("DS-NONE"));
        assertTrue(missing.getMessage().contains("not in the archive"));
    }

    @Test
    void provisioningFromOrthancReleasesExactlyWhatTheSameFilesGiveFromAFolder() throws Exception {
        Path store = root.resolve("store-same");
        RunReport fromOrthanc = new DatasetProvisioning(archive(), new ProjectOutputs(root.resolve("out-web")),
                new RestrictedStore(store), OptOutList.none(), 1L << 30, 2)
                .provision(ProjectId.of("PRJ-W"), "DS-CHEST", CohortCriteria.EVERYONE, null);
        assertEquals(12, fromOrthanc.received());
        assertEquals(12, fromOrthanc.written());
        assertEquals(0, fromOrthanc.quarantined());

        Path folderArchive = root.resolve("sent");
        RunReport fromFolder = new DatasetProvisioning(new FolderArchive(folderArchive),
                new ProjectOutputs(root.resolve("out-folder")), new RestrictedStore(store), OptOutList.none(), 1L << 30, 2)
                .provision(ProjectId.of("PRJ-W"), "DS-CHEST", CohortCriteria.EVERYONE, null);
        assertEquals(12, fromFolder.written());

        // same project key, same source instances: the same released files, byte for byte
        ObjectMapper json = new ObjectMapper();
        JsonNode web = json.readTree(fromOrthanc.manifest().toFile());
        JsonNode folder = json.readTree(fromFolder.manifest().toFile());
        assertEquals(folder.path("files"), web.path("files"));
        assertEquals(12, web.path("files").size());

        // the temporary copies fetched from Orthanc do not outlive the run
        try (var left = Files.walk(store.resolve("projects/PRJ-W/work"))) {
            assertEquals(0, left.filter(Files::isRegularFile).count());
        }
        for (Path f : TestSupport.dicomFiles(fromOrthanc.outputFolder())) {
            AttributeList list = TestSupport.read(f);
            assertEquals("YES", Attribute.getSingleStringValueOrEmptyString(list, TagFromName.PatientIdentityRemoved));
            assertTrue(list.getPixelData() != null);
        }
    }

    /** An instance the archive lists but that cannot be asked for is counted and quarantined, not skipped. */
    @Test
    void anInstanceWithAnInvalidUidIsQuarantinedNotDropped() throws Exception {
        RunReport report = new DatasetProvisioning(archive(), new ProjectOutputs(root.resolve("out-baduid")),
                new RestrictedStore(root.resolve("store-baduid")), OptOutList.none(), 1L << 30, 2)
                .provision(ProjectId.of("PRJ-B"), "DS-BADUID", CohortCriteria.EVERYONE, null);
        assertEquals(2, report.received(), report.summary().toString());
        assertEquals(1, report.written());
        assertEquals(1, report.quarantined());
        var quarantined = report.outcomes().stream().filter(o -> !o.isWritten()).findFirst().orElseThrow();
        assertTrue(quarantined.inputPath().contains("/" + DicomWebArchive.INVALID_UIDS + "/"), quarantined.inputPath());
        assertTrue(quarantined.detail().contains("not valid UIDs"), quarantined.detail());
    }

    /** Failure messages reach logs and incidents: they name the request and dataset, never the UIDs asked for. */
    @Test
    void aRetrievalTheArchiveRefusesIsReportedWithoutItsSourceUids() {
        String study = "1.2.826.0.1.3680043.2.1143.990.1";
        String series = "1.2.826.0.1.3680043.2.1143.990.2";
        String sop = "1.2.826.0.1.3680043.2.1143.990.3";
        ArchivedInstance gone = new ArchivedInstance("DS-CHEST", study + "/" + series + "/" + sop + ".dcm",
                new ArchiveUnit(study, "1"), new HeaderSummary("PAT-GONE", study, series, sop, "CT", "CHEST", null, null,
                        null, null));
        IOException e = assertThrows(IOException.class, () -> archive().retrieve("DS-CHEST", List.of(gone),
                root.resolve("work-gone"), (item, instance) -> { }));
        assertTrue(e.getMessage().matches("WADO-RS retrieval of a series of dataset DS-CHEST answered HTTP 4\\d\\d"),
                e.getMessage());
        for (String uid : List.of(study, series, sop)) {
            assertFalse(String.valueOf(e).contains(uid), e.toString());
        }
    }

    @Test
    void theIndexOfADicomWebArchiveRereadsOnlyStudiesThatChanged() throws Exception {
        DicomWebArchive archive = archive();
        new DemoDatasetGenerator(21).collection("DS-GROWING").generate(root.resolve("growing-1"), 1, 1, 2);
        orthanc.store(root.resolve("growing-1"));
        try (ArchiveIndex index = ArchiveIndex.open(new RestrictedStore(root.resolve("store-index")))) {
            assertEquals(new ArchiveIndex.Refresh(1, 1, 0, 2), index.refresh(archive, "DS-GROWING", 2));
            assertEquals(new ArchiveIndex.Refresh(1, 0, 0, 2), index.refresh(archive, "DS-GROWING", 2));

            // a new study arrives: only it is described again
            new DemoDatasetGenerator(22).collection("DS-GROWING").generate(root.resolve("growing-2"), 1, 1, 3);
            orthanc.store(root.resolve("growing-2"));
            assertEquals(new ArchiveIndex.Refresh(2, 1, 0, 5), index.refresh(archive, "DS-GROWING", 2));
            List<ArchivedInstance> rows = index.select(archive, List.of("DS-GROWING"),
                    CohortCriteria.from(Map.of(CohortCriteria.MODALITIES, "ct", CohortCriteria.BODY_PARTS, "Chest")::get));
            assertEquals(5, rows.size());
            rows.forEach(r -> assertEquals("DS-GROWING", r.collection()));
        }
    }

    @Test
    void theWorkerChoosesDicomWebWhenAnArchiveUrlIsConfigured() {
        Map<String, String> env = Map.of("BROKER_ARCHIVE_URL", orthanc.dicomWebRoot() + "/",
                "BROKER_OUTPUT_DIR", root.resolve("w-out").toString());
        uk.nip.broker.worker.WorkerSettings settings = uk.nip.broker.worker.WorkerSettings.fromEnvironment(env);
        assertEquals(URI.create(orthanc.dicomWebRoot().toString()), settings.archiveUrl());
        assertTrue(settings.archive() instanceof DicomWebArchive);
        assertTrue(uk.nip.broker.worker.WorkerSettings.fromEnvironment(Map.of()).archive() instanceof FolderArchive);
    }
}

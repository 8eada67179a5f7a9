package uk.nip.broker.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.Period;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;

import uk.nip.broker.TestSupport;
import uk.nip.broker.cohort.CohortCriteria;
import uk.nip.broker.deid.RestrictedStore;
import uk.nip.broker.demo.DemoDatasetGenerator;

/** The archive index of a folder archive: headers only, incremental, persistent. */
class ArchiveIndexTest {

    @TempDir
    Path tmp;
    Path collection;
    FolderArchive archive;
    RestrictedStore store;

    @BeforeEach
    void folderArchiveWithOneCollection() throws Exception {
        collection = tmp.resolve("archive/DS-1");
        new DemoDatasetGenerator(3).generate(collection, 2, 2, 2);
        archive = new FolderArchive(tmp.resolve("archive"));
        store = new RestrictedStore(tmp.resolve("store"));
    }

    private static Map<String, ArchivedInstance> byKey(List<ArchivedInstance> rows) {
        return rows.stream().collect(Collectors.toMap(ArchivedInstance::sourceKey, Function.identity()));
    }

    private List<ArchivedInstance> all(ArchiveIndex index) throws IOException {
        return index.select(archive, List.of("DS-1"), CohortCriteria.EVERYONE);
    }

    @Test
    void recordsEachInstancesHeaderFieldsWithoutReadingItsPixels() throws Exception {
        // cut inside Pixel Data: a full read fails, a header read does not
        Path cut = collection.resolve("patient-01/study-01/image-002.dcm");
        byte[] whole = Files.readAllBytes(cut);
        Files.write(cut, Arrays.copyOf(whole, whole.length - 3000));
        Files.writeString(collection.resolve("readme.txt"), "not an image");

        try (ArchiveIndex index = ArchiveIndex.open(store)) {
            ArchiveIndex.Refresh r = index.refresh(archive, "DS-1", 2);
            assertEquals(new ArchiveIndex.Refresh(9, 9, 0, 9), r);
            Map<String, ArchivedInstance> rows = byKey(all(index));
            assertEquals(9, rows.size());
            assertFalse(rows.get("readme.txt").readable());
            assertTrue(rows.get("patient-01/study-01/image-002.dcm").readable(), "indexed although its pixels are cut");

            for (Path f : TestSupport.dicomFiles(collection)) {
                String key = collection.relativize(f).toString();
                HeaderSummary h = rows.get(key).header();
                AttributeList source = readHeader(f);
                assertEquals(text(source, TagFromName.PatientID), h.patientId());
                assertEquals(text(source, TagFromName.StudyInstanceUID), h.studyUid());
                assertEquals(text(source, TagFromName.SeriesInstanceUID), h.seriesUid());
                assertEquals(text(source, TagFromName.SOPInstanceUID), h.sopUid());
                assertEquals("CT", h.modality());
                assertEquals("CHEST", h.bodyPart());
                assertEquals(text(source, TagFromName.PatientSex), h.sex());
                assertEquals(DemoDatasetGenerator.INSTITUTION, h.site());
                LocalDate studyDate = LocalDate.parse(text(source, TagFromName.StudyDate), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
                LocalDate birth = LocalDate.parse(text(source, TagFromName.PatientBirthDate), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
                assertEquals(studyDate, h.studyDate());
                assertEquals(Period.between(birth, studyDate).getYears(), h.ageYears());
            }
        }
        // the index holds patient ids: it lives in the restricted store, owner-only
        Path folder = tmp.resolve("store/archive-index");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        assertTrue(Files.list(folder).anyMatch(p -> p.getFileName().toString().endsWith(".mv.db")));
        try (ArchiveIndex reopened = ArchiveIndex.open(store)) {
            for (Path f : Files.list(folder).filter(Files::isRegularFile).toList()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
            }
        }
    }

    @Test
    void aRefreshRereadsOnlyChangedFilesAndForgetsRemovedOnes() throws Exception {
        try (ArchiveIndex index = ArchiveIndex.open(store)) {
            index.refresh(archive, "DS-1", 2);
            assertEquals(new ArchiveIndex.Refresh(8, 0, 0, 8), index.refresh(archive, "DS-1", 2));

            Path changed = collection.resolve("patient-02/study-01/image-001.dcm");
            TestSupport.dcmodify(changed, "(0018,0015)=ABDOMEN");
            Files.setLastModifiedTime(changed, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
            Files.delete(collection.resolve("patient-01/study-02/image-002.dcm"));

            assertEquals(new ArchiveIndex.Refresh(7, 1, 1, 7), index.refresh(archive, "DS-1", 2));
            Map<String, ArchivedInstance> rows = byKey(all(index));
            assertEquals("ABDOMEN", rows.get("patient-02/study-01/image-001.dcm").header().bodyPart());
            assertNull(rows.get("patient-01/study-02/image-002.dcm"));
        }
        // persisted: a new process starts from what the last one learnt
        try (ArchiveIndex reopened = ArchiveIndex.open(store)) {
            assertEquals(7, all(reopened).size());
            assertEquals(new ArchiveIndex.Refresh(7, 0, 0, 7), reopened.refresh(archive, "DS-1", 2));
        }
    }

    @Test
    void aCollectionThatIsNotInTheArchiveIsAnError() throws Exception {
        try (ArchiveIndex index = ArchiveIndex.open(store)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> index.refresh(archive, "DS-MISSING", 2));
            assertTrue(e.getMessage().contains("not in the archive"));
        }
    }

    /** PixelMed's own read, stopped at Pixel Data, as a reference independent of the broker's code. */
    private static AttributeList readHeader(Path f) throws Exception {
        AttributeList list = new AttributeList();
        list.read(f.toString(), TagFromName.PixelData);
        return list;
    }

    private static String text(AttributeList list, com.pixelmed.dicom.AttributeTag tag) {
        return Attribute.getSingleStringValueOrEmptyString(list, tag).trim();
    }
}

package uk.nip.broker.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.TagFromName;

import uk.nip.broker.ProjectId;
import uk.nip.broker.TestSupport;
import uk.nip.broker.deid.DeidentificationProfile;
import uk.nip.broker.deid.RestrictedStore;

/** Bad input never stops a run and is never dropped: each file is quarantined with its own reason. */
class BadInputTest {

    @TempDir
    Path tmp;

    @Test
    void everyBadFileIsQuarantinedWithAReasonOfItsOwnAndCountsAddUp() throws Exception {
        Path in = tmp.resolve("in");
        Path good = TestSupport.pydicomSample("rtstruct.dcm", in);
        Files.writeString(in.resolve("notes.txt"), "Referral letter, not an image\n", StandardCharsets.UTF_8);
        Files.write(in.resolve("empty.dcm"), new byte[0]);
        byte[] ct = Files.readAllBytes(TestSupport.PYDICOM_FILES.resolve("CT_small.dcm"));
        Files.createDirectories(in.resolve("nested/deeper"));
        Files.write(in.resolve("nested/deeper/cut.dcm"), Arrays.copyOf(ct, 5000));
        Files.write(in.resolve("big.dcm"), ct);
        Files.writeString(in.resolve("fake.dcm"), "x".repeat(200), StandardCharsets.US_ASCII);

        Path out = tmp.resolve("out");
        Path storeRoot = tmp.resolve("store");
        RunReport report = new DeidentificationRun(new DeidentificationRun.Settings(ProjectId.of("bad-inputs"), null,
                in, out, new RestrictedStore(storeRoot), "batch", DeidentificationProfile.tciaDefault(),
                30_000, 2)).execute();

        assertEquals(6, report.received());
        assertEquals(1, report.written());
        assertEquals(5, report.quarantined());
        Map<String, String> reasons = report.outcomes().stream().filter(o -> !o.isWritten())
                .collect(Collectors.toMap(FileOutcome::inputPath, o -> o.reason().code()));
        assertEquals(Map.of(
                "notes.txt", "not-dicom",
                "fake.dcm", "not-dicom",
                "empty.dcm", "empty-file",
                "nested/deeper/cut.dcm", "truncated",
                "big.dcm", "oversized"), reasons);
        report.outcomes().stream().filter(o -> !o.isWritten())
                .forEach(o -> assertFalse(o.detail() == null || o.detail().isBlank(), o.inputPath()));

        // quarantined originals sit in the restricted store, owner-only, never beside the output
        Path quarantine = report.quarantineFolder();
        assertTrue(quarantine.startsWith(storeRoot));
        assertEquals(5000, Files.size(quarantine.resolve("nested/deeper/cut.dcm")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(quarantine.resolve("big.dcm"))));
        assertTrue(Files.readString(quarantine.resolve("big.dcm.reason.json")).contains("\"oversized\""));
        try (Stream<Path> released = Files.walk(out)) {
            List<String> names = released.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
            assertEquals(2, names.size(), names.toString());
            assertTrue(names.contains("manifest.json"));
        }

        String manifest = Files.readString(report.manifest());
        assertFalse(manifest.contains("notes.txt") || manifest.contains("cut.dcm"), "input names must not reach the output");
        assertTrue(manifest.contains("\"quarantined\" : 5"));
        assertTrue(manifest.contains("\"received\" : 6"));
        assertEquals(ProvisioningManifest.sha256(Files.readAllBytes(report.manifest())), report.manifestSha256());
        assertTrue(Files.exists(good));
    }

    @Test
    void symbolicLinksAreNeverFollowed() throws Exception {
        Path in = tmp.resolve("links");
        TestSupport.pydicomSample("CT_small.dcm", in);
        Path elsewhere = TestSupport.pydicomSample("MR_small.dcm", tmp.resolve("another-folder"));
        Files.createSymbolicLink(in.resolve("other-patient.dcm"), elsewhere);
        Files.createSymbolicLink(in.resolve("pw"), Path.of("/etc/passwd"));
        Path storeRoot = tmp.resolve("links-store");
        RunReport report = TestSupport.deidentify("links", in, tmp.resolve("links-out"), storeRoot,
                DeidentificationProfile.tciaDefault());

        assertEquals(3, report.received());
        assertEquals(1, report.written(), report.summary().toString());
        for (String link : List.of("other-patient.dcm", "pw")) {
            FileOutcome o = report.outcomes().stream().filter(f -> f.inputPath().equals(link)).findFirst().orElseThrow();
            assertEquals("unsupported", o.reason().code(), link);
            assertTrue(o.detail().contains("symbolic link is not followed"), o.detail());
            // nothing the link points at is copied into the store either
            assertFalse(Files.exists(report.quarantineFolder().resolve(link)), link);
            assertTrue(Files.readString(report.quarantineFolder().resolve(link + ".reason.json")).contains("not copied"));
        }
    }

    /**
     * UIDs under the DICOM root are kept elsewhere (well-known instances), but an instance's own
     * UIDs name the output's folders and files: one crafted as "1.2.840.10008.77/../../x" must
     * neither survive nor put a file outside the output.
     */
    @Test
    void anInstancesOwnUidsAreAlwaysReplacedAndNeverLeaveTheOutput() throws Exception {
        Path in = tmp.resolve("crafted");
        Path file = TestSupport.pydicomSample("CT_small.dcm", in);
        TestSupport.dcmodify(file, "(0020,000D)=1.2.840.10008.77/../../escaped", "(0008,0018)=1.2.840.10008.78");
        Path out = tmp.resolve("crafted-out").resolve("inside");
        RunReport report = TestSupport.deidentify("crafted", in, out, tmp.resolve("crafted-store"),
                DeidentificationProfile.tciaDefault());

        assertEquals(1, report.written(), report.summary().toString());
        Path written = TestSupport.dicomFiles(report.outputFolder()).get(0);
        assertTrue(written.normalize().startsWith(out), written.toString());
        assertFalse(Files.exists(tmp.resolve("crafted-out").resolve("escaped")));
        var list = TestSupport.read(written);
        for (var tag : List.of(TagFromName.StudyInstanceUID, TagFromName.SOPInstanceUID)) {
            String uid = Attribute.getSingleStringValueOrEmptyString(list, tag);
            assertTrue(uid.startsWith("2.25."), tag + " " + uid);
        }
        assertFalse(TestSupport.rawBytesContain(written, "1.2.840.10008.78"));
    }

    @Test
    void anInstanceWithoutASeriesUidIsQuarantinedNotWrittenBesideItsStudy() throws Exception {
        Path in = tmp.resolve("no-series");
        TestSupport.dcmodify(TestSupport.pydicomSample("CT_small.dcm", in), "(0020,000E)=");
        RunReport report = TestSupport.deidentify("no-series", in, tmp.resolve("no-series-out"),
                tmp.resolve("no-series-store"), DeidentificationProfile.tciaDefault());
        assertEquals(0, report.written(), report.summary().toString());
        FileOutcome o = report.outcomes().get(0);
        assertEquals("unsupported", o.reason().code());
        assertTrue(o.detail().contains("not a valid UID"), o.detail());
    }

    /**
     * A Latin-1 file name ("M\xfcller.dcm") is not UTF-8, nor ASCII in the C locale: Java reads it
     * with a replacement character and could not open it by that name. It is de-identified all the
     * same, and a second such file is quarantined under a name the store can write.
     */
    @Test
    void fileNamesTheSystemCannotWriteBackAreStillProcessed() throws Exception {
        Path in = tmp.resolve("names");
        Path good = TestSupport.pydicomSample("CT_small.dcm", in);
        Files.writeString(in.resolve("notes.txt"), "not an image", StandardCharsets.UTF_8);
        TestSupport.ProcessResult r = TestSupport.run(List.of("sh", "-c",
                "cd '" + in + "' && mv CT_small.dcm \"$(printf 'M\\374ller.dcm')\" && mv notes.txt \"$(printf 'notes-\\377.txt')\""));
        assertEquals(0, r.exitCode(), r.output());
        assertFalse(Files.exists(good));
        RunReport report = TestSupport.deidentify("names", in, tmp.resolve("names-out"), tmp.resolve("names-store"),
                DeidentificationProfile.tciaDefault());
        assertEquals(2, report.received(), report.summary().toString());
        assertEquals(1, report.written(), report.summary().toString());
        FileOutcome notes = report.outcomes().stream().filter(o -> !o.isWritten()).findFirst().orElseThrow();
        assertEquals("not-dicom", notes.reason().code(), notes.toString());
    }

    @Test
    void agesOver89AreAggregatedTo90WhenCharacteristicsAreKept() throws Exception {
        Path in = tmp.resolve("old");
        Path file = TestSupport.pydicomSample("CT_small.dcm", in);
        TestSupport.dcmodify(file, "(0010,1010)=095Y");
        RunReport report = TestSupport.deidentify("ages", in, tmp.resolve("old-out"), tmp.resolve("store"),
                DeidentificationProfile.tciaDefault());
        assertEquals(1, report.written(), report.summary().toString());
        var list = TestSupport.read(TestSupport.dicomFiles(report.outputFolder()).get(0));
        assertEquals("090Y", Attribute.getSingleStringValueOrEmptyString(list, TagFromName.PatientAge));
    }

    @Test
    void secretsAndQuarantineAreOwnerOnly() throws Exception {
        Path in = tmp.resolve("perm");
        TestSupport.pydicomSample("CT_small.dcm", in);
        Path storeRoot = tmp.resolve("perm-store");
        TestSupport.deidentify("perms", in, tmp.resolve("perm-out"), storeRoot, DeidentificationProfile.tciaDefault());
        Path key = storeRoot.resolve("projects/perms/project.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(storeRoot)));
        assertEquals(32, Files.size(key));
    }
}

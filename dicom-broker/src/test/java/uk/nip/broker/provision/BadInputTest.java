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

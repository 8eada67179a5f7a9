package uk.nip.broker.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.TagFromName;

import uk.nip.broker.TestSupport;
import uk.nip.broker.deid.DeidentificationProfile;

/**
 * Unique canary strings are planted in identifying fields of real files written by other
 * software (top level, nested two sequences deep, private, overlay) and must not survive
 * anywhere in the output's raw bytes, preamble and meta included.
 */
class CanaryLeakTest {

    private static final List<String> SAMPLES = List.of("CT_small.dcm", "MR_small.dcm", "nested_priv_SQ.dcm",
            "priv_SQ.dcm", "test-SR.dcm", "rtstruct.dcm", "rtdose.dcm", "waveform_ecg.dcm");

    @TempDir
    Path tmp;

    @Test
    void noPlantedIdentifierSurvivesInTheOutputBytes() throws Exception {
        Path in = tmp.resolve("in");
        Random random = new Random(7);
        Map<String, List<String>> canariesByFile = new LinkedHashMap<>();
        List<String> originalUids = new ArrayList<>();
        for (String name : SAMPLES) {
            Path file = TestSupport.pydicomSample(name, in);
            String base = HexFormat.of().withUpperCase().formatHex(new byte[] {(byte) random.nextInt(), (byte) random.nextInt(), (byte) random.nextInt()});
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("(0010,0010)", "CNRYPN" + base + "^GIVEN" + base);
            fields.put("(0010,0020)", "CNRYPID" + base);
            fields.put("(0010,1040)", "CNRYADDR" + base);
            fields.put("(0010,2154)", "CNRYTEL" + base);
            fields.put("(0008,0080)", "CNRYINST" + base);
            fields.put("(0008,0081)", "CNRYINSTADDR" + base);
            fields.put("(0008,0050)", "CNRYACC" + base);
            fields.put("(0008,0090)", "CNRYREF" + base + "^DOC");
            fields.put("(0040,0275)[0].(0040,1001)", "CNRYRPID" + base);
            fields.put("(0040,0275)[0].(0040,0008)[0].(0008,0104)", "CNRYNESTED" + base);
            fields.put("(0033,0010)", "NIP CANARY CREATOR");
            fields.put("(0033,1001)", "CNRYPRIV" + base);
            fields.put("(6000,0022)", "CNRYOVERLAY" + base);
            List<String> insertions = new ArrayList<>();
            fields.forEach((tag, value) -> insertions.add(tag + "=" + value));
            if (name.contains("priv_SQ")) {
                // these two carry no identity of their own; give them one so they get processed (an
                // instance without study, series and SOP instance UIDs has no place in the output)
                int n = 1000 + random.nextInt(1000);
                insertions.add("(0008,0016)=1.2.840.10008.5.1.4.1.1.2");
                insertions.add("(0008,0018)=1.2.826.0.1.3680043.2.1125.99." + n);
                insertions.add("(0020,000D)=1.2.826.0.1.3680043.2.1125.97." + n);
                insertions.add("(0020,000E)=1.2.826.0.1.3680043.2.1125.98." + n);
            }
            TestSupport.dcmodify(file, insertions.toArray(String[]::new));
            canariesByFile.put(name, fields.values().stream().filter(v -> v.contains("CNRY"))
                    .flatMap(v -> Stream.of(v.split("\\^"))).toList());
            var source = TestSupport.read(file);
            originalUids.add(Attribute.getSingleStringValueOrEmptyString(source, TagFromName.SOPInstanceUID));
            originalUids.add(Attribute.getSingleStringValueOrEmptyString(source, TagFromName.StudyInstanceUID));
        }

        Path out = tmp.resolve("out");
        RunReport report = TestSupport.deidentify("canary", in, out, tmp.resolve("store"), DeidentificationProfile.tciaDefault());

        assertEquals(SAMPLES.size(), report.received());
        assertEquals(report.received(), report.written() + report.quarantined());
        Set<String> written = report.outcomes().stream().filter(FileOutcome::isWritten).map(FileOutcome::inputPath)
                .collect(Collectors.toSet());
        // the test only means something if the risky fields went through real de-identification
        assertTrue(written.containsAll(Set.of("CT_small.dcm", "test-SR.dcm", "rtstruct.dcm", "priv_SQ.dcm", "rtdose.dcm")),
                "expected these to be released: " + report.summary());

        List<Path> outputFiles;
        try (Stream<Path> s = Files.walk(out)) {
            outputFiles = s.filter(Files::isRegularFile).toList();
        }
        assertEquals(report.written() + 1, outputFiles.size(), "every released file plus manifest.json");
        List<String> canaries = canariesByFile.values().stream().flatMap(List::stream).toList();
        for (Path f : outputFiles) {
            for (String canary : canaries) {
                assertFalse(TestSupport.rawBytesContain(f, canary), canary + " leaked into " + out.relativize(f));
            }
            for (String uid : originalUids) {
                if (!uid.isEmpty()) {
                    assertFalse(TestSupport.rawBytesContain(f, uid), "source UID leaked into " + out.relativize(f));
                }
            }
        }
    }
}

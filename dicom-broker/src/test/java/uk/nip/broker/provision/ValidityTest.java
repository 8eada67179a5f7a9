package uk.nip.broker.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import uk.nip.broker.TestSupport;
import uk.nip.broker.deid.DeidentificationProfile;
import uk.nip.broker.demo.DemoDatasetGenerator;

/** David Clunie's dciodvfy finds no error in the output that it did not find in the input. */
class ValidityTest {

    @TempDir
    Path tmp;

    @Test
    void deidentificationAddsNoDciodvfyErrors() throws Exception {
        assumeTrue(TestSupport.onPath("dciodvfy"), "dciodvfy (Debian dicom3tools) is not installed");
        Path in = tmp.resolve("in");
        new DemoDatasetGenerator(DemoDatasetGenerator.DEFAULT_SEED).generate(in.resolve("demo"), 2, 1, 2);
        new DemoDatasetGenerator(7).modality("MR").bodyPart("HEAD").generate(in.resolve("demo-mr"), 1, 1, 2);
        TestSupport.pydicomSample("CT_small.dcm", in.resolve("real"));
        RunReport report = TestSupport.deidentify("validity", in, tmp.resolve("out"), tmp.resolve("store"),
                DeidentificationProfile.tciaDefault());
        assertEquals(7, report.written(), report.summary().toString());

        Set<String> inputErrors = new TreeSet<>();
        for (Path f : TestSupport.dicomFiles(in)) {
            List<String> errors = errors(f);
            if (f.toString().contains("/demo/") || f.toString().contains("/demo-mr/")) {
                assertEquals(List.of(), errors, "the demo generator must write valid CT and MR: " + f);
            }
            inputErrors.addAll(errors);
        }
        for (Path f : TestSupport.dicomFiles(report.outputFolder())) {
            for (String e : errors(f)) {
                assertTrue(inputErrors.contains(e), "new dciodvfy error after de-identification: " + e);
            }
        }
    }

    /** Error lines with values stripped, so the same problem compares equal before and after. */
    private static List<String> errors(Path file) throws Exception {
        TestSupport.ProcessResult r = TestSupport.run(List.of("dciodvfy", file.toString()));
        List<String> errors = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            if (line.startsWith("Error")) {
                errors.add(line.replaceAll("<[^>]*>", "<>").replaceAll("\\[[^]]*\\]", "[]").trim());
            }
        }
        return errors;
    }
}

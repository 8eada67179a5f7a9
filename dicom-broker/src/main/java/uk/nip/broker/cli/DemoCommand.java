package uk.nip.broker.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.pixelmed.dicom.DicomException;

import uk.nip.broker.demo.DemoDatasetGenerator;

/** {@code generate-demo}: writes a synthetic CT (or, with {@code --modality MR}, MR) collection. */
final class DemoCommand {

    private DemoCommand() {
    }

    static int run(List<String> args, PrintStream out) throws UsageException, IOException {
        CommandLineArguments a = CommandLineArguments.parse(args,
                Set.of("out", "patients", "studies-per-patient", "images-per-series", "seed", "rows", "columns",
                        "collection", "body-part", "site", "modality"), Set.of());
        Path dir = Path.of(a.required("out"));
        int patients = (int) a.number("patients", 3, 1, 1000);
        int studies = (int) a.number("studies-per-patient", 2, 1, 100);
        int images = (int) a.number("images-per-series", 4, 1, 1000);
        long seed = a.number("seed", DemoDatasetGenerator.DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE);
        DemoDatasetGenerator generator = new DemoDatasetGenerator(seed)
                .imageSize((int) a.number("rows", 64, 16, 4096), (int) a.number("columns", 64, 16, 4096))
                .modality(a.optional("modality", "CT"))
                .bodyPart(a.optional("body-part", "CHEST"))
                .site(a.optional("site", DemoDatasetGenerator.INSTITUTION))
                .collection(a.optional("collection", null));
        DemoDatasetGenerator.DemoDataset demo;
        try {
            demo = generator.generate(dir, patients, studies, images);
        } catch (DicomException e) {
            throw new IOException("cannot build demo data set: " + e.getMessage(), e);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("out", dir.toAbsolutePath().normalize().toString());
        summary.put("patients", demo.patients());
        summary.put("studies", demo.studies());
        summary.put("files", demo.files());
        summary.put("seed", seed);
        out.println(new ObjectMapper().writeValueAsString(summary));
        return BrokerCommandLine.OK;
    }
}

package uk.nip.broker.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import uk.nip.broker.ProjectId;
import uk.nip.broker.deid.DeidentificationProfile;
import uk.nip.broker.deid.RestrictedStore;
import uk.nip.broker.provision.DeidentificationRun;
import uk.nip.broker.provision.RunReport;

/** Entry point of {@code dicom-broker.jar}. */
public final class BrokerCommandLine {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT = """
            usage: java -jar dicom-broker.jar <command> [options]

              deidentify --project ID --in DIR --out DIR [--option NAME ...]
                         [--max-file-bytes N] [--threads N]
                  De-identify every file under DIR (PS3.15 Annex E Basic Profile).
                  Default options (TCIA): clean-descriptors retain-longitudinal-modified-dates
                  retain-patient-characteristics retain-device-identity retain-safe-private.
                  Giving --option replaces the defaults; --option basic applies none.
                  Secrets and quarantined originals go to BROKER_STORE_DIR
                  (default: <out>/../.broker-store). Prints a JSON summary on stdout.

              provision --project ID --dataset ID --out DIR
                        (--archive-url URL | --archive-dir DIR) [--opt-out FILE]
                        [--modalities CT,MR] [--body-parts CHEST] [--sex F,M] [--sites NAME]
                        [--study-date-from 2020-01-01] [--study-date-to 2021-12-31]
                        [--age-min N] [--age-max N] [--threads N]
                  What the worker's provision-dataset task does: index the archive, select the
                  cohort, leave out opted-out patients, de-identify into DIR/<project>/<dataset>.

              cohort-counts --dataset ID[,ID...] (--archive-url URL | --archive-dir DIR)
                            [--opt-out FILE] [criteria as for provision]
                  Suppressed aggregate counts (7 or fewer shown as "≤7"). Needs BROKER_STORE_DIR.

              generate-demo --out DIR [--patients N] [--studies-per-patient K]
                            [--images-per-series M] [--seed S] [--rows R --columns C]
                            [--collection ID] [--body-part NAME] [--site NAME]
                  Write a synthetic CT dataset with fake identifiers.

              worker
                  Run the Camunda external-task worker (topics provision-dataset,
                  cohort-counts, destroy-data); configured by environment variables, see README.md.
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    BrokerCommandLine(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (Boolean.getBoolean(WorkJvm.MARKER)) {
            WorkJvm.stopWithParent(System.in);
        } else {
            ProcessHandle.Info self = ProcessHandle.current().info();
            Optional<List<String>> workJvm = self.command().isPresent() && self.arguments().isPresent()
                    ? WorkJvm.command(self.command().get(), List.of(self.arguments().get()),
                            BrokerCommandLine.class.getName(), List.of(args), System.getenv())
                    : Optional.empty();
            if (workJvm.isPresent()) {
                try {
                    System.exit(WorkJvm.run(workJvm.get()));
                } catch (IOException e) {
                    // the work is still done, only with this JVM's own settings
                    System.err.println("dicom-broker: cannot start a second JVM (" + e.getMessage() + "); working in this one");
                }
            }
        }
        ConsoleLogging.configure();
        int status = new BrokerCommandLine(System.out, System.err, System.getenv()).run(Arrays.asList(args));
        if (status != OK) {
            System.exit(status);
        }
    }

    int run(List<String> args) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            (args.isEmpty() ? err : out).print(USAGE_TEXT);
            return args.isEmpty() ? USAGE : OK;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (args.get(0)) {
                case "deidentify" -> deidentify(rest);
                case "generate-demo" -> DemoCommand.run(rest, out);
                case "provision" -> ArchiveCommands.provision(rest, out, env);
                case "cohort-counts" -> ArchiveCommands.cohortCounts(rest, out, env);
                case "worker" -> WorkerCommand.run(rest, env);
                default -> throw new UsageException("unknown command '" + args.get(0) + "'");
            };
        } catch (UsageException e) {
            err.println("dicom-broker: " + e.getMessage());
            err.println("run 'java -jar dicom-broker.jar --help' for usage");
            return USAGE;
        } catch (IOException | RuntimeException e) {
            err.println("dicom-broker: " + args.get(0) + " failed: " + e.getMessage());
            return FAILED;
        }
    }

    private int deidentify(List<String> args) throws UsageException, IOException {
        CommandLineArguments a = CommandLineArguments.parse(args,
                Set.of("project", "in", "out", "max-file-bytes", "threads"), Set.of("option"));
        ProjectId project;
        DeidentificationProfile profile;
        try {
            project = ProjectId.of(a.required("project"));
            profile = DeidentificationProfile.fromOptionNames(a.all("option"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path in = Path.of(a.required("in"));
        Path outDir = Path.of(a.required("out"));
        long maxBytes = a.number("max-file-bytes",
                envNumber("BROKER_MAX_FILE_BYTES", DeidentificationRun.DEFAULT_MAX_FILE_BYTES), 1, Long.MAX_VALUE);
        int threads = (int) a.number("threads", Runtime.getRuntime().availableProcessors(), 1, 256);
        if (!in.toFile().isDirectory()) {
            throw new UsageException("--in must be an existing folder: " + in);
        }
        RestrictedStore store = RestrictedStore.forOutput(outDir, env.get(RestrictedStore.ENV_STORE_DIR));
        String batch = batchName(in);
        DeidentificationRun.Settings settings = new DeidentificationRun.Settings(project, null, in, outDir, store,
                batch, profile, maxBytes, threads);
        RunReport report;
        try {
            report = new DeidentificationRun(settings).execute();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report.summary()));
        return OK;
    }

    /** Quarantine sub-folder named after the input folder, made safe for a folder name. */
    private static String batchName(Path in) {
        Path name = in.toAbsolutePath().normalize().getFileName();
        String raw = name == null ? "input" : name.toString().replaceAll("[^A-Za-z0-9._-]", "_");
        raw = raw.replace("..", "_");
        if (raw.isEmpty() || !Character.isLetterOrDigit(raw.charAt(0))) {
            raw = "in" + raw;
        }
        return raw.length() > 64 ? raw.substring(0, 64) : raw;
    }

    private long envNumber(String name, long fallback) throws UsageException {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number");
        }
    }
}

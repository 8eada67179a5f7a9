import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;

import uk.nip.broker.ProjectId;
import uk.nip.broker.archive.DicomWebArchive;
import uk.nip.broker.archive.ProjectOutputs;
import uk.nip.broker.cohort.CohortCriteria;
import uk.nip.broker.cohort.OptOutList;
import uk.nip.broker.deid.DeidentificationProfile;
import uk.nip.broker.deid.RestrictedStore;
import uk.nip.broker.provision.DatasetProvisioning;
import uk.nip.broker.provision.DeidentificationRun;
import uk.nip.broker.provision.RunReport;

/**
 * The same work repeated in one JVM, as the long-running worker does it: round 1 pays for
 * class loading and JIT compilation, later rounds show the warm speed. Each round writes to a
 * fresh output folder, so nothing is resumed. Prints "round<TAB>milliseconds<TAB>written<TAB>CPU milliseconds".
 * Each round's output is deleted after it. With -Dstepped=true each round waits for a line on
 * standard input, so the benchmark can run its other commands between rounds (the same minutes of
 * the same machine for both sides of each comparison) and let the machine settle before each round.
 *
 *   java -cp dicom-broker.jar:/usr/share/java/pixelmed.jar WarmRuns.java deidentify IN OUT-ROOT STORE ROUNDS
 *   java -cp dicom-broker.jar:/usr/share/java/pixelmed.jar WarmRuns.java provision URL DATASET OUT-ROOT STORE ROUNDS
 */
public class WarmRuns {
    public static void main(String[] args) throws Exception {
        boolean provision = args[0].equals("provision");
        int rounds = Integer.parseInt(args[args.length - 1]);
        int threads = Runtime.getRuntime().availableProcessors();
        BufferedReader steps = new BufferedReader(new InputStreamReader(System.in));
        for (int round = 1; round <= rounds; round++) {
            if (Boolean.getBoolean("stepped") && steps.readLine() == null) {
                break;
            }
            long started = System.nanoTime();
            long cpuBefore = processCpuMillis();
            RunReport report;
            if (provision) {
                RestrictedStore store = new RestrictedStore(Path.of(args[4]));
                report = new DatasetProvisioning(new DicomWebArchive(java.net.URI.create(args[1]),
                        DicomWebArchive.DEFAULT_COLLECTION_ATTRIBUTE, Duration.ofMinutes(10)),
                        new ProjectOutputs(Path.of(args[3]).resolve("round-" + round)), store, OptOutList.none(),
                        DeidentificationRun.DEFAULT_MAX_FILE_BYTES, threads)
                        .provision(ProjectId.of("BENCH"), args[2], CohortCriteria.EVERYONE, null);
            } else {
                report = new DeidentificationRun(new DeidentificationRun.Settings(ProjectId.of("BENCH"), null,
                        Path.of(args[1]), Path.of(args[2]).resolve("round-" + round), new RestrictedStore(Path.of(args[3])),
                        "bench", DeidentificationProfile.tciaDefault(), DeidentificationRun.DEFAULT_MAX_FILE_BYTES,
                        threads)).execute();
            }
            long ms = (System.nanoTime() - started) / 1_000_000;
            String line = round + "\t" + ms + "\t" + report.written() + "\t" + (processCpuMillis() - cpuBefore);
            // as before each of the benchmark's commands: the previous output is gone, so every round
            // writes into page cache the last one freed, not into memory this machine never touched
            Path output = Path.of(args[provision ? 3 : 2]).resolve("round-" + round);
            new ProcessBuilder("rm", "-rf", output.toString()).inheritIO().start().waitFor();
            // printed once the output is gone: the benchmark starts its next command on this line
            System.out.println(line);
            System.out.flush();
        }
    }

    /** User and system CPU time of this whole process: all its threads, the JIT compiler's and the GC's too. */
    private static long processCpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
    }
}

package uk.nip.portal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real DICOM broker as its own process, as in production: it generates the demo collection
 * into a folder archive and then works the workflow's external tasks with its service account.
 */
final class BrokerProcess {

    final Path work;
    private final Process worker;

    private BrokerProcess(Path work, Process worker) {
        this.work = work;
        this.worker = worker;
    }

    static BrokerProcess start(String name) throws IOException, InterruptedException {
        return start(name, List.of());
    }

    /** With generate-demo options, for example {@code --patients 10}. */
    static BrokerProcess start(String name, List<String> demoOptions) throws IOException, InterruptedException {
        Path work = Path.of(System.getProperty("test.work.dir", "target/it-work"), name + "-" + System.nanoTime());
        Files.createDirectories(work);
        Path archive = work.resolve("archive");
        List<String> generate = new ArrayList<>(List.of("generate-demo", "--out", archive.resolve("demo-chest-ct").toString()));
        generate.addAll(demoOptions);
        run(work, generate);
        Process worker = command(work, List.of("worker"), Map.of(
                "BROKER_ARCHIVE_DIR", archive.toString(),
                "BROKER_OUTPUT_DIR", work.resolve("projects").toString(),
                "BROKER_STORE_DIR", work.resolve("broker-store").toString())).start();
        return new BrokerProcess(work, worker);
    }

    Path archive() {
        return work.resolve("archive").resolve("demo-chest-ct");
    }

    /** Generates another collection into the running broker's archive, under the catalogue's archive location. */
    void generate(String collection, String... options) throws IOException, InterruptedException {
        List<String> generate = new ArrayList<>(List.of("generate-demo", "--out",
                work.resolve("archive").resolve(collection).toString(), "--collection", collection));
        generate.addAll(List.of(options));
        run(work, generate);
    }

    Path projects() {
        return work.resolve("projects");
    }

    boolean isAlive() {
        return worker.isAlive();
    }

    int exitValue() {
        return worker.exitValue();
    }

    void stop() throws InterruptedException {
        worker.destroy();
        worker.waitFor();
    }

    private static ProcessBuilder command(Path work, List<String> args, Map<String, String> env) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("broker.jar", "../dicom-broker/target/dicom-broker.jar")));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("broker.log").toFile()));
        pb.environment().putAll(env);
        return pb;
    }

    private static void run(Path work, List<String> args) throws IOException, InterruptedException {
        Process p = command(work, args, Map.of()).start();
        int exit = p.waitFor();
        if (exit != 0) {
            throw new AssertionError("broker " + args + " exited " + exit + "; see " + work.resolve("broker.log"));
        }
    }
}

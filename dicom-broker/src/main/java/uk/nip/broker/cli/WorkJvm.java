package uk.nip.broker.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * De-identification runs in a JVM with the serial collector and a small young generation
 * (ADR 0013): on these machines the default collector's large, freshly touched young generation
 * made the same work about a quarter slower, and a jar cannot choose its JVM's options. So
 * {@code java -jar dicom-broker.jar deidentify|provision|worker} starts a second JVM with them
 * and waits for it. Whoever gives the JVM a collector or young-generation size of their own
 * keeps one JVM with exactly their settings.
 */
final class WorkJvm {

    /** The options the benchmark measured; bench/run-benchmark.sh gives its warm runs the same. */
    static final List<String> OPTIONS = List.of("-XX:+UseSerialGC", "-Xmn64m");
    /** Set in the second JVM, which watches its standard input: end of input means its parent is gone. */
    static final String MARKER = "broker.work-jvm";
    private static final String SECOND_JVM = "-D" + MARKER + "=true";

    private static final Set<String> COMMANDS = Set.of("deidentify", "provision", "worker");
    private static final Pattern OWN_MEMORY_SETTINGS = Pattern.compile(
            "-XX:[+-]?Use\\w*GC|-Xmn.*|-XX:(Max)?NewSize=.*|-XX:NewRatio=.*");

    private WorkJvm() {
    }

    /**
     * The second JVM's command line, or empty where this JVM should do the work itself: a
     * command that reads no images, already the second JVM, settings of the user's own, or a
     * command line this cannot take apart.
     */
    static Optional<List<String>> command(String java, List<String> jvmArguments, String mainClass, List<String> args,
            Map<String, String> env) {
        if (args.isEmpty() || !COMMANDS.contains(args.get(0))) {
            return Optional.empty();
        }
        // the launcher's arguments: JVM options, then "-jar JAR" or the main class, then the command's own
        int start = jvmArguments.indexOf("-jar");
        if (start < 0) {
            start = jvmArguments.indexOf(mainClass);
        }
        int own = jvmArguments.size() - args.size();
        if (start < 0 || own <= start || !jvmArguments.subList(own, jvmArguments.size()).equals(args)) {
            return Optional.empty();
        }
        List<String> options = jvmArguments.subList(0, start);
        if (options.contains(SECOND_JVM)) {
            return Optional.empty();
        }
        List<String> usersOwn = new ArrayList<>(options);
        for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
            usersOwn.addAll(Arrays.asList(env.getOrDefault(variable, "").trim().split("\\s+")));
        }
        if (usersOwn.stream().anyMatch(o -> OWN_MEMORY_SETTINGS.matcher(o).matches())) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(OPTIONS);
        command.addAll(options);
        command.add(SECOND_JVM);
        command.addAll(jvmArguments.subList(start, jvmArguments.size()));
        return Optional.of(command);
    }

    /**
     * Runs {@code command} with this process's output and error, and returns its exit status;
     * an {@link IOException} if it cannot be started at all.
     */
    static int run(List<String> command) throws IOException, InterruptedException {
        // standard input stays a pipe from this process: if this one is killed, the second JVM sees it end
        Process work = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Thread stop = new Thread(() -> {
            if (work.isAlive()) {
                work.destroy();
                try {
                    work.waitFor(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "stop-work-jvm");
        Runtime.getRuntime().addShutdownHook(stop);
        return work.waitFor();
    }

    /** In the second JVM: stop at once when the JVM that started it is gone (even killed with SIGKILL). */
    static void stopWithParent(InputStream fromParent) {
        Thread watch = new Thread(() -> {
            try {
                while (fromParent.read() >= 0) {
                    // the parent never writes; anything read is ignored
                }
            } catch (IOException e) {
                // a broken pipe means the same as its end
            }
            Runtime.getRuntime().halt(BrokerCommandLine.FAILED);
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
    }
}

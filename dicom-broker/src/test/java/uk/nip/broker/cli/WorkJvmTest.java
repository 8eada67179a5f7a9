package uk.nip.broker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class WorkJvmTest {

    private static final String JAVA = "/usr/lib/jvm/java-17/bin/java";
    private static final String MAIN = "uk.nip.broker.cli.BrokerCommandLine";
    private static final List<String> DEIDENTIFY = List.of("deidentify", "--project", "P", "--in", "a", "--out", "b");

    private static List<String> launched(String... jvmPart) {
        List<String> all = new java.util.ArrayList<>(List.of(jvmPart));
        all.addAll(DEIDENTIFY);
        return all;
    }

    @Test
    void theJarsCommandRunsInASecondJvmWithTheMeasuredOptionsAndTheUsersOwn() {
        Optional<List<String>> command = WorkJvm.command(JAVA, launched("-Xmx2g", "-Dx=y", "-jar", "dicom-broker.jar"),
                MAIN, DEIDENTIFY, Map.of(), false);
        List<String> expected = new java.util.ArrayList<>(List.of(JAVA, "-XX:+UseSerialGC", "-Xmn64m", "-Xmx2g", "-Dx=y",
                "-Dbroker.work-jvm=true", "-jar", "dicom-broker.jar"));
        expected.addAll(DEIDENTIFY);
        assertEquals(Optional.of(expected), command);
    }

    @Test
    void aMainClassOnAClassPathWorksTheSameWay() {
        Optional<List<String>> command = WorkJvm.command(JAVA, launched("-cp", "a.jar:b.jar", MAIN), MAIN, DEIDENTIFY, Map.of(), false);
        List<String> expected = new java.util.ArrayList<>(List.of(JAVA, "-XX:+UseSerialGC", "-Xmn64m", "-cp", "a.jar:b.jar",
                "-Dbroker.work-jvm=true", MAIN));
        expected.addAll(DEIDENTIFY);
        assertEquals(Optional.of(expected), command);
    }

    @Test
    void theUsersOwnCollectorOrYoungGenerationKeepsOneJvm() {
        for (String own : List.of("-XX:+UseG1GC", "-XX:+UseParallelGC", "-Xmn256m", "-XX:NewSize=32m", "-XX:NewRatio=2")) {
            assertEquals(Optional.empty(), WorkJvm.command(JAVA, launched(own, "-jar", "dicom-broker.jar"), MAIN, DEIDENTIFY,
                    Map.of(), false), own);
        }
        assertEquals(Optional.empty(), WorkJvm.command(JAVA, launched("-jar", "dicom-broker.jar"), MAIN, DEIDENTIFY,
                Map.of("JAVA_TOOL_OPTIONS", "-Xmx1g -XX:+UseZGC"), false), "options from the environment count too");
    }

    @Test
    void onlyTheCommandsThatReadImagesAndOnlyOnce() {
        List<String> demo = List.of("generate-demo", "--out", "x");
        List<String> jvm = new java.util.ArrayList<>(List.of("-jar", "dicom-broker.jar"));
        jvm.addAll(demo);
        assertEquals(Optional.empty(), WorkJvm.command(JAVA, jvm, MAIN, demo, Map.of(), false));
        assertEquals(Optional.empty(), WorkJvm.command(JAVA, launched("-jar", "dicom-broker.jar"), MAIN, DEIDENTIFY, Map.of(), true),
                "the second JVM does the work itself");
        assertTrue(WorkJvm.command(JAVA, launched("-jar", "dicom-broker.jar"), MAIN, DEIDENTIFY, Map.of(), false).isPresent());
        for (String command : List.of("provision", "worker")) {
            assertTrue(WorkJvm.command(JAVA, List.of("-jar", "j.jar", command), MAIN, List.of(command), Map.of(), false).isPresent(), command);
        }
    }

    @Test
    void theBenchmarksWarmRunsUseTheSameOptions() throws java.io.IOException {
        String script = java.nio.file.Files.readString(java.nio.file.Path.of("bench/run-benchmark.sh"));
        assertTrue(script.contains("WORK_JVM_OPTIONS=\"" + String.join(" ", WorkJvm.OPTIONS) + "\""), "bench/run-benchmark.sh");
    }

    @Test
    void aCommandLineItCannotTakeApartKeepsOneJvm() {
        // e.g. started through a wrapper class, or the arguments as seen do not end with the command's own
        assertEquals(Optional.empty(), WorkJvm.command(JAVA, launched("-cp", "a.jar", "some.Wrapper"), MAIN, DEIDENTIFY, Map.of(), false));
        assertEquals(Optional.empty(), WorkJvm.command(JAVA, List.of("-jar", "dicom-broker.jar", "deidentify"), MAIN, DEIDENTIFY,
                Map.of(), false));
    }
}

package uk.nip.broker.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
                MAIN, DEIDENTIFY, Map.of());
        List<String> expected = new java.util.ArrayList<>(List.of(JAVA, "-XX:+UseSerialGC", "-Xmn64m", "-Xmx2g", "-Dx=y",
                "-Dbroker.work-jvm=true", "-jar", "dicom-broker.jar"));
        expected.addAll(DEIDENTIFY);
        assertEquals(Optional.of(expected), command);
    }

    @Test
    void aMainClassOnAClassPathWorksTheSameWay() {
        Optional<List<String>> command = WorkJvm.command(JAVA, launched("-cp", "a.jar:b.jar", MAIN), MAIN, DEIDENTIFY, Map.of());
        List<String> expected = new java.util.ArrayList<>(List.of(JAVA, "-XX:+UseSerialGC", "-Xmn64m", "-cp", "a.jar:b.jar",
                "-Dbroker.work-jvm=true", MAIN));
        expected.addAll(DEIDENTIFY);
        assertEquals(Optional.of(expected), command);
    }

    @Test
    void theUsersOwnCollectorOrYoungGenerationKeepsOneJvm() {
        for (String own : List.of("-XX:+UseG1GC", "-XX:+UseParallelGC", "-Xmn256m", "-XX:NewSize=32m", "-XX:NewRatio=2")) {
            assertEquals(Optional.empty(), WorkJvm.command(JAVA, launched(own, "-jar", "dicom-broker.jar"), MAIN, DEIDENTIFY,
                    Map.of()), own);
        }
        assertEquals(Optional.empty(), WorkJvm.command(JAVA, launched("-jar", "dicom-broker.jar"), MAIN, DEIDENTIFY,
                Map.of("JAVA_TOOL_OPTIONS", "-Xmx1g -XX:+UseZGC")), "options from the environment count too");
    }

    @Test
    void onlyTheCommandsThatReadImagesAndOnlyOnce() {
        List<String> demo = List.of("generate-demo", "--out", "x");
        List<String> jvm = new java.util.ArrayList<>(List.of("-jar", "dicom-broker.jar"));
        jvm.addAll(demo);
        assertEquals(Optional.empty(), WorkJvm.command(JAVA, jvm, MAIN, demo, Map.of()));
        assertEquals(Optional.empty(), WorkJvm.command(JAVA, launched("-Dbroker.work-jvm=true", "-jar", "dicom-broker.jar"), MAIN,
                DEIDENTIFY, Map.of()), "the second JVM does the work itself");
        assertTrue(WorkJvm.command(JAVA, launched("-jar", "dicom-broker.jar"), MAIN, DEIDENTIFY, Map.of()).isPresent());
        for (String command : List.of("provision", "worker")) {
            assertTrue(WorkJvm.command(JAVA, List.of("-jar", "j.jar", command), MAIN, List.of(command), Map.of()).isPresent(), command);
        }
    }

    @Test
    void theBenchmarksWarmRunsUseTheSameOptions() throws java.io.IOException {
        String script = java.nio.file.Files.readString(java.nio.file.Path.of("bench/run-benchmark.sh"));
        assertTrue(script.contains("WORK_JVM_OPTIONS=\"" + String.join(" ", WorkJvm.OPTIONS) + "\""), "bench/run-benchmark.sh");
    }

    @Test
    void aSecondJvmThatCannotStartIsAnIOExceptionWhichTheCommandOutlives() {
        // main catches it and works in the first JVM
        assertThrows(java.io.IOException.class, () -> WorkJvm.run(List.of("/nonexistent/bin/java", "-version")));
    }

    @Test
    void aCommandLineItCannotTakeApartKeepsOneJvm() {
        // e.g. started through a wrapper class, or the arguments as seen do not end with the command's own
        assertEquals(Optional.empty(), WorkJvm.command(JAVA, launched("-cp", "a.jar", "some.Wrapper"), MAIN, DEIDENTIFY, Map.of()));
        assertEquals(Optional.empty(), WorkJvm.command(JAVA, List.of("-jar", "dicom-broker.jar", "deidentify"), MAIN, DEIDENTIFY,
                Map.of()));
    }
}

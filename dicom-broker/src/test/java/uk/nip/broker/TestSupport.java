package uk.nip.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;

import uk.nip.broker.deid.DeidentificationProfile;
import uk.nip.broker.deid.RestrictedStore;
import uk.nip.broker.provision.DeidentificationRun;
import uk.nip.broker.provision.RunReport;

/** Shared helpers: real sample files from Debian packages, external DICOM tools, and runs. */
public final class TestSupport {

    public static final Path PYDICOM_FILES = Path.of("/usr/lib/python3/dist-packages/pydicom/data/test_files");

    private TestSupport() {
    }

    /** A copy of one of python3-pydicom's sample files, writable so DCMTK can modify it. */
    public static Path pydicomSample(String name, Path into) throws IOException {
        Path source = PYDICOM_FILES.resolve(name);
        assertTrue(Files.isRegularFile(source), "python3-pydicom sample files are needed: " + source);
        Files.createDirectories(into);
        Path copy = into.resolve(name);
        Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
        copy.toFile().setWritable(true);
        return copy;
    }

    public static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command and returns its combined output; fails the test if it does not finish in time. */
    public static ProcessResult run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "command did not finish: " + command);
        return new ProcessResult(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    public record ProcessResult(int exitCode, String output) {
    }

    public static void dcmodify(Path file, String... insertions) throws IOException, InterruptedException {
        assertTrue(onPath("dcmodify"), "DCMTK's dcmodify is needed (Debian package dcmtk)");
        List<String> cmd = new ArrayList<>(List.of("dcmodify", "-nb", "-ie"));
        for (String i : insertions) {
            cmd.add("-i");
            cmd.add(i);
        }
        cmd.add(file.toString());
        ProcessResult r = run(cmd);
        assertEquals(0, r.exitCode(), "dcmodify failed: " + r.output());
    }

    public static RunReport deidentify(String project, Path in, Path out, Path store, DeidentificationProfile profile)
            throws IOException {
        return new DeidentificationRun(new DeidentificationRun.Settings(ProjectId.of(project), null, in, out,
                new RestrictedStore(store), "batch", profile, DeidentificationRun.DEFAULT_MAX_FILE_BYTES,
                Runtime.getRuntime().availableProcessors())).execute();
    }

    public static List<Path> dicomFiles(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
        }
    }

    public static AttributeList read(Path file) throws IOException, DicomException {
        AttributeList list = new AttributeList();
        list.setDecompressPixelData(false);
        list.read(file.toFile());
        return list;
    }

    /** Where {@code part} first occurs in {@code bytes}, or -1: the plain search others are checked against. */
    public static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Whether the raw bytes contain the text, in the encodings a DICOM writer might use. */
    public static boolean rawBytesContain(Path file, String text) throws IOException {
        String latin1 = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        return latin1.contains(text) || latin1.contains(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }
}

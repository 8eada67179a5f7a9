package uk.nip.broker.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import uk.nip.broker.TestSupport;

/**
 * A real Orthanc with the DICOMweb plugin, started for a test on free loopback ports with its
 * storage in a temporary folder, and stopped afterwards.
 */
public final class OrthancServer implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/Orthanc");

    private final Process process;
    private final int httpPort;
    private final int dicomPort;
    private final Path log;

    private OrthancServer(Process process, int httpPort, int dicomPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.dicomPort = dicomPort;
        this.log = log;
    }

    /** Skips the calling test only when Orthanc is not installed; anything else that goes wrong fails it. */
    public static OrthancServer start(Path folder) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(BINARY), "Orthanc is not installed (Debian packages orthanc, orthanc-dicomweb)");
        Path plugin = dicomWebPlugin();
        Files.createDirectories(folder.resolve("storage"));
        int http = freePort();
        int dicom = freePort();
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = json.createObjectNode();
        config.put("Name", "broker-test");
        config.put("StorageDirectory", folder.resolve("storage").toString());
        config.put("IndexDirectory", folder.resolve("storage").toString());
        config.put("HttpPort", http);
        config.put("DicomPort", dicom);
        config.put("DicomAet", "ORTHANC");
        config.put("RemoteAccessAllowed", false);
        config.put("AuthenticationEnabled", false);
        config.put("HttpCompressionEnabled", false);
        config.put("SaveJobs", false);
        config.putArray("Plugins").add(plugin.toString());
        ObjectNode web = config.putObject("DicomWeb");
        web.put("Enable", true);
        web.put("Root", "/dicom-web/");
        web.put("EnableWado", false);
        web.put("Host", "127.0.0.1:" + http);
        Path configFile = folder.resolve("orthanc.json");
        json.writeValue(configFile.toFile(), config);
        Path log = folder.resolve("orthanc.log");
        Process p = new ProcessBuilder(BINARY.toString(), configFile.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        OrthancServer server = new OrthancServer(p, http, dicom, log);
        server.awaitReady();
        return server;
    }

    /** The plugin as the orthanc-dicomweb package installs it. */
    static Path dicomWebPlugin() throws IOException, InterruptedException {
        TestSupport.ProcessResult files = TestSupport.run(List.of("dpkg", "-L", "orthanc-dicomweb"));
        return files.output().lines().filter(l -> l.contains("/plugins/") && l.endsWith(".so")).map(Path::of)
                .filter(Files::exists).findFirst()
                .orElseThrow(() -> new AssertionError("orthanc-dicomweb plugin not found: " + files.output()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Orthanc exited: " + Files.readString(log, StandardCharsets.ISO_8859_1));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/plugins/dicom-web"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        close();
        throw new AssertionError("Orthanc did not start within 30 s: " + Files.readString(log, StandardCharsets.ISO_8859_1));
    }

    public String base() {
        return "http://127.0.0.1:" + httpPort;
    }

    public URI dicomWebRoot() {
        return URI.create(base() + "/dicom-web");
    }

    /** Sends every file under the folder with DCMTK's storescu, as a modality would. */
    public void store(Path folder) throws IOException, InterruptedException {
        assertTrue(TestSupport.onPath("storescu"), "DCMTK's storescu is needed (Debian package dcmtk)");
        TestSupport.ProcessResult r = TestSupport.run(List.of("storescu", "-aec", "ORTHANC", "+sd", "+r",
                "127.0.0.1", String.valueOf(dicomPort), folder.toString()));
        assertEquals(0, r.exitCode(), "storescu failed: " + r.output());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

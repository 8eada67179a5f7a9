package uk.nip.broker.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A DICOMweb archive that fails, as archives do, with an error page that repeats the request
 * path: what the engine gets (incident message and details) and what the broker logs name the
 * request, its HTTP status and the dataset, but no source UID.
 */
class ArchiveFailureReportsTest {

    private static final String STUDY = "1.2.826.0.1.3680043.2.1143.4711.1";
    private static final String SERIES = "1.2.826.0.1.3680043.2.1143.4711.2";
    private static final String SOP = "1.2.826.0.1.3680043.2.1143.4711.3";
    private static final String PATIENT = "PAT-WEB-0042";

    @TempDir
    Path root;
    HttpServer archive;
    volatile String failing;
    final CapturedLog capture = new CapturedLog();

    @BeforeEach
    void startArchive() throws IOException {
        archive = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        archive.createContext("/dicom-web/", this::answer);
        archive.start();
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopArchive() {
        Logger.getLogger("").removeHandler(capture);
        archive.stop(0);
    }

    /** One study with one instance in dataset DS-WEB; the request named by {@link #failing} fails. */
    private void answer(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String echo = "<html><body>Error while serving " + path + "</body></html>";
        if (path.equals("/dicom-web/studies")) {
            respond(ex, 200, "application/dicom+json", "[{\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"" + STUDY + "\"]},"
                    + "\"00120020\":{\"vr\":\"LO\",\"Value\":[\"DS-WEB\"]},\"00201208\":{\"vr\":\"IS\",\"Value\":[1]}}]");
        } else if (path.equals("/dicom-web/studies/" + STUDY + "/instances")) {
            switch (failing) {
                case "instances-500" -> respond(ex, 500, "text/html", echo);
                case "instances-html" -> respond(ex, 200, "text/html", echo);
                default -> respond(ex, 200, "application/dicom+json", "[{"
                        + "\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"" + STUDY + "\"]},"
                        + "\"0020000E\":{\"vr\":\"UI\",\"Value\":[\"" + SERIES + "\"]},"
                        + "\"00080018\":{\"vr\":\"UI\",\"Value\":[\"" + SOP + "\"]},"
                        + "\"00100020\":{\"vr\":\"LO\",\"Value\":[\"" + PATIENT + "\"]}}]");
            }
        } else {
            respond(ex, 404, "text/plain", "Accessing an inexistent series: " + path);
        }
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @ParameterizedTest
    @CsvSource({
        "instances-500, QIDO-RS search for the instances of a study of dataset DS-WEB answered HTTP 500",
        "instances-html, QIDO-RS search for the instances of a study of dataset DS-WEB answered HTTP 200 with a body that is not JSON",
        "series-404, WADO-RS retrieval of a series of dataset DS-WEB answered HTTP 404"})
    void aFailingArchiveIsReportedWithoutSourceUids(String failure, String expected) {
        failing = failure;
        WorkerSettings settings = new WorkerSettings(URI.create("http://127.0.0.1:9/engine-rest"),
                URI.create("http://127.0.0.1:9"), "imaging", "dicom-broker", "test-secret-value", root.resolve("unused"),
                URI.create("http://127.0.0.1:" + archive.getAddress().getPort() + "/dicom-web"), "ClinicalTrialProtocolID",
                null, root.resolve("outputs"), root.resolve("store"), 60_000, 1L << 30, 2);
        FakeTasks.RecordingService rec = new FakeTasks.RecordingService();
        new ProvisionDatasetHandler(settings).execute(FakeTasks.task("t-web", ProvisionDatasetHandler.TOPIC, null,
                Map.of("projectId", "PRJ-W", "datasetId", "DS-WEB", "applicationId", "APP-7")), rec.service);

        FakeTasks.Call failed = rec.only("handleFailure");
        String message = (String) failed.args().get(1);
        String details = (String) failed.args().get(2);
        assertEquals("provisioning dataset DS-WEB for project PRJ-W failed: " + expected, message);
        assertTrue(details.endsWith(expected), details);
        List<String> logged = capture.records.stream().map(r -> r.getMessage() + " " + r.getThrown()).toList();
        assertFalse(logged.isEmpty());
        for (String text : List.of(message, details, String.join("\n", logged))) {
            for (String identifier : List.of(STUDY, SERIES, SOP, PATIENT)) {
                assertFalse(text.contains(identifier), identifier + " in: " + text);
            }
        }
    }
}

package uk.nip.broker.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The two DICOMweb services the broker uses (PS3.18): QIDO-RS to find studies and instances,
 * WADO-RS to fetch instances as {@code multipart/related; type="application/dicom"}.
 *
 * <p>Request paths hold source Study and Series Instance UIDs, so no exception message quotes
 * one: failures name the request as the caller described it ({@code request}, e.g. "WADO-RS
 * retrieval of a series of dataset DS-1") and the HTTP status, never the path or the
 * archive's answer, which may echo the path. These messages reach logs and the engine's incidents.
 */
public final class DicomWebClient {

    /** Where each retrieved part's body is written; called once per part, in order. */
    @FunctionalInterface
    public interface PartSink {
        OutputStream open(Map<String, String> partHeaders) throws IOException;
    }

    static final String DICOM_MULTIPART = "multipart/related; type=\"application/dicom\"; transfer-syntax=*";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 500;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)+");

    private final String root;
    private final HttpClient http;
    private final Duration timeout;

    public DicomWebClient(URI root, Duration timeout) {
        String r = root.toString();
        this.root = r.endsWith("/") ? r.substring(0, r.length() - 1) : r;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(CONNECT_TIMEOUT_MILLIS))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public String root() {
        return root;
    }

    /**
     * A QIDO-RS search, page by page with {@code limit}/{@code offset} so a large archive never
     * arrives in one response. {@code query} holds name/value pairs; a name may repeat (includefield).
     * {@code request} says what is searched for, without identifiers, for failure messages.
     */
    public List<JsonNode> search(String request, String path, List<Map.Entry<String, String>> query)
            throws IOException, InterruptedException {
        List<JsonNode> results = new ArrayList<>();
        for (int offset = 0;; offset += PAGE) {
            StringBuilder url = new StringBuilder(root).append('/').append(path).append('?');
            for (Map.Entry<String, String> q : query) {
                url.append(enc(q.getKey())).append('=').append(enc(q.getValue())).append('&');
            }
            url.append("limit=").append(PAGE).append("&offset=").append(offset);
            HttpRequest get = HttpRequest.newBuilder(URI.create(url.toString())).timeout(timeout)
                    .header("Accept", "application/dicom+json").GET().build();
            HttpResponse<byte[]> response;
            try {
                response = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                throw failed(request, path, e);
            }
            if (response.statusCode() == 204) {
                return results;
            }
            if (response.statusCode() != 200) {
                throw new IOException(request + " answered HTTP " + response.statusCode());
            }
            JsonNode page;
            try {
                page = JSON.readTree(response.body());
            } catch (JsonProcessingException e) {
                // the parser quotes what it could not read, and an error page may echo the path
                throw new IOException(request + " answered HTTP 200 with a body that is not JSON");
            }
            if (page == null || !page.isArray()) {
                throw new IOException(request + " did not return a JSON array");
            }
            page.forEach(results::add);
            if (page.size() < PAGE) {
                return results;
            }
        }
    }

    /**
     * A WADO-RS retrieval of a study, series or instance; each returned instance goes to {@code sink}.
     * A blocking connection, not the asynchronous client: the body is read straight from the
     * socket into the reader's buffer, without the client's own buffers and hand-offs between
     * threads, which cost provisioning a third of its CPU time. {@code timeout} bounds the
     * wait for the response and for each read of the body. {@code request} says what is
     * retrieved, without identifiers, for failure messages.
     */
    public void retrieve(String request, String path, PartSink sink) throws IOException, InterruptedException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(root + "/" + path).toURL().openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        connection.setReadTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setRequestProperty("Accept", DICOM_MULTIPART);
        boolean complete = false;
        try {
            int status;
            try {
                status = connection.getResponseCode();
            } catch (IOException e) {
                throw failed(request, path, e);
            }
            if (status != 200) {
                throw new IOException(request + " answered HTTP " + status);
            }
            readParts(request, path, connection, sink);
            complete = true;
        } finally {
            if (!complete) {
                // a body not read to its end cannot be reused for the next request
                connection.disconnect();
            }
        }
    }

    private static void readParts(String request, String path, HttpURLConnection connection, PartSink sink)
            throws IOException, InterruptedException {
        String type = connection.getContentType();
        try (InputStream body = connection.getInputStream()) {
            MultipartRelatedReader parts = new MultipartRelatedReader(body, MultipartRelatedReader.boundaryOf(type));
            for (Map<String, String> headers = parts.nextPart(); headers != null; headers = parts.nextPart()) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("retrieval interrupted");
                }
                try (OutputStream out = sink.open(headers)) {
                    parts.copyBody(out);
                }
            }
        } catch (InterruptedIOException e) {
            if (e instanceof SocketTimeoutException) {
                throw failed(request, path, e);
            }
            // a hand-over interrupted because the run is stopping: not a failure of the archive
            throw e;
        } catch (IOException e) {
            throw failed(request, path, e);
        }
    }

    /**
     * A transport failure named by its request. The JDK's reason is kept unless it quotes a UID
     * of the path; the cause is left off, as a log line shows a cause's message too.
     */
    static IOException failed(String request, String path, IOException e) {
        String reason = e.getMessage();
        for (String segment : path.split("/")) {
            if (reason != null && UID.matcher(segment).matches() && reason.contains(segment)) {
                reason = null;
            }
        }
        return new IOException(request + " failed: " + e.getClass().getSimpleName() + (reason == null ? "" : " (" + reason + ")"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

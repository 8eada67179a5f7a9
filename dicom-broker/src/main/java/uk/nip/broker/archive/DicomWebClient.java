package uk.nip.broker.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The two DICOMweb services the broker uses (PS3.18): QIDO-RS to find studies and instances,
 * WADO-RS to fetch instances as {@code multipart/related; type="application/dicom"}.
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
     */
    public List<JsonNode> search(String path, List<Map.Entry<String, String>> query) throws IOException, InterruptedException {
        List<JsonNode> results = new ArrayList<>();
        for (int offset = 0;; offset += PAGE) {
            StringBuilder url = new StringBuilder(root).append('/').append(path).append('?');
            for (Map.Entry<String, String> q : query) {
                url.append(enc(q.getKey())).append('=').append(enc(q.getValue())).append('&');
            }
            url.append("limit=").append(PAGE).append("&offset=").append(offset);
            HttpRequest request = HttpRequest.newBuilder(URI.create(url.toString())).timeout(timeout)
                    .header("Accept", "application/dicom+json").GET().build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 204) {
                return results;
            }
            if (response.statusCode() != 200) {
                throw new IOException("QIDO-RS " + path + " answered HTTP " + response.statusCode());
            }
            JsonNode page = JSON.readTree(response.body());
            if (!page.isArray()) {
                throw new IOException("QIDO-RS " + path + " did not return a JSON array");
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
     * wait for the response and for each read of the body.
     */
    public void retrieve(String path, PartSink sink) throws IOException, InterruptedException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(root + "/" + path).toURL().openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        connection.setReadTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setRequestProperty("Accept", DICOM_MULTIPART);
        boolean complete = false;
        try {
            int status = connection.getResponseCode();
            if (status != 200) {
                throw new IOException("WADO-RS " + path + " answered HTTP " + status);
            }
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
            }
            complete = true;
        } finally {
            if (!complete) {
                // a body not read to its end cannot be reused for the next request
                connection.disconnect();
            }
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

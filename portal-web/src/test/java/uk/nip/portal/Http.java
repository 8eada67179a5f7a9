package uk.nip.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** A small HTTP client for the tests: the portal's API and Keycloak's token endpoint, both real. */
final class Http {

    static final String PORTAL = "http://localhost:8080";
    static final String KEYCLOAK = "http://localhost:8180/realms/imaging";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        String location() {
            return raw.headers().firstValue("Location").orElse("");
        }
    }

    private Http() {
    }

    /** A user's access token from the real Keycloak (password grant on the public API client). */
    static String userToken(String username) {
        Reply r = passwordGrant(username);
        // Keycloak 26 now and then locks a demo user for one wait increment (60 s) with no failed
        // login recorded (keycloak/keycloak#36495; its log says user_temporarily_disabled): wait it out
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(75);
        while (r.status() == 400 && r.body().contains("Invalid user credentials") && System.nanoTime() < until) {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            r = passwordGrant(username);
        }
        if (r.status() != 200) {
            throw new AssertionError("Keycloak refused " + username + ": " + r.body());
        }
        return r.json().get("access_token").asText();
    }

    private static Reply passwordGrant(String username) {
        return post(KEYCLOAK + "/protocol/openid-connect/token", null, "application/x-www-form-urlencoded",
                form(Map.of("grant_type", "password", "client_id", "portal-api", "username", username,
                        "password", username + "-demo")));
    }

    static String brokerToken() {
        Reply r = post(KEYCLOAK + "/protocol/openid-connect/token", null, "application/x-www-form-urlencoded",
                form(Map.of("grant_type", "client_credentials", "client_id", "dicom-broker",
                        "client_secret", "dicom-broker-dev-secret")));
        if (r.status() != 200) {
            throw new AssertionError("Keycloak refused the broker: " + r.body());
        }
        return r.json().get("access_token").asText();
    }

    static Reply get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    static Reply get(String path, String token, String accept) {
        return send(request(path, token).header("Accept", accept).GET().build());
    }

    static Reply postJson(String path, String token, Object body) {
        return post(path, token, "application/json", toJson(body));
    }

    static Reply putJson(String path, String token, Object body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(toJson(body))).build());
    }

    static Reply post(String path, String token, String contentType, String body) {
        return send(request(path, token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A raw body, such as a PDF, with extra headers (X-Filename). */
    static Reply postBytes(String path, String token, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = request(path, token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return send(b.build());
    }

    /** A binary download: status, bytes and headers. */
    static HttpResponse<byte[]> getBytes(String path, String token) {
        try {
            return CLIENT.send(request(path, token).header("Accept", "application/pdf, application/json").GET()
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : PORTAL + path))
                .timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String toJson(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}

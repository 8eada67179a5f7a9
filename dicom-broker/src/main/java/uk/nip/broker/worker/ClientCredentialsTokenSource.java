package uk.nip.broker.worker;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Access tokens for the broker's own service account (OAuth2 client-credentials grant).
 * A token is reused until shortly before it expires, then fetched again.
 */
public final class ClientCredentialsTokenSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_EARLY_REFRESH = Duration.ofSeconds(30);

    private final URI tokenEndpoint;
    private final String clientId;
    private final String clientSecret;
    private final HttpClient http;
    private final Clock clock;

    private String token;
    private Instant refreshAt = Instant.MIN;

    public ClientCredentialsTokenSource(URI tokenEndpoint, String clientId, String clientSecret, Clock clock) {
        this.tokenEndpoint = tokenEndpoint;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public synchronized String currentToken() {
        if (token == null || !clock.instant().isBefore(refreshAt)) {
            fetch();
        }
        return token;
    }

    private void fetch() {
        String form = "grant_type=client_credentials"
                + "&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("token endpoint " + tokenEndpoint + " unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching an access token", e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token endpoint " + tokenEndpoint + " answered HTTP " + response.statusCode()
                    + " for client " + clientId);
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            String accessToken = body.path("access_token").asText(null);
            long expiresIn = body.path("expires_in").asLong(60);
            if (accessToken == null || accessToken.isEmpty()) {
                throw new IllegalStateException("token endpoint " + tokenEndpoint + " returned no access_token");
            }
            Duration lifetime = Duration.ofSeconds(Math.max(1, expiresIn));
            // refresh a fifth of the lifetime early, at most 30 s, so a request never carries an expired token
            Duration early = lifetime.dividedBy(5).compareTo(MAX_EARLY_REFRESH) > 0 ? MAX_EARLY_REFRESH : lifetime.dividedBy(5);
            token = accessToken;
            refreshAt = clock.instant().plus(lifetime).minus(early);
        } catch (IOException e) {
            throw new IllegalStateException("token endpoint " + tokenEndpoint + " returned a body that is not JSON", e);
        }
    }

    @Override
    public String toString() {
        return "ClientCredentialsTokenSource[" + tokenEndpoint + ", client=" + clientId + "]";
    }
}

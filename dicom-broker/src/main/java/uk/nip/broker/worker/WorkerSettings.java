package uk.nip.broker.worker;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import uk.nip.broker.provision.DeidentificationRun;

/** The worker's configuration, read from environment variables with development defaults. */
public record WorkerSettings(URI camundaRestUrl, URI keycloakUrl, String realm, String clientId, String clientSecret,
        Path archiveDir, Path outputDir, Path storeDir, long lockDurationMillis, long maxFileBytes, int threads) {

    public static WorkerSettings fromEnvironment(Map<String, String> env) {
        Path output = Path.of(env.getOrDefault("BROKER_OUTPUT_DIR", "/var/lib/dicom-broker/outputs"));
        String store = env.get("BROKER_STORE_DIR");
        return new WorkerSettings(
                URI.create(stripSlash(env.getOrDefault("CAMUNDA_REST_URL", "http://localhost:8080/engine-rest"))),
                URI.create(stripSlash(env.getOrDefault("KEYCLOAK_URL", "http://localhost:8180"))),
                env.getOrDefault("KEYCLOAK_REALM", "imaging"),
                env.getOrDefault("BROKER_CLIENT_ID", "dicom-broker"),
                env.getOrDefault("BROKER_CLIENT_SECRET", "dicom-broker-dev-secret"),
                Path.of(env.getOrDefault("BROKER_ARCHIVE_DIR", "/var/lib/dicom-broker/archive")),
                output,
                // same rule as the CLI: a hidden sibling of the project folders unless configured
                store == null || store.isBlank() ? output.toAbsolutePath().normalize().resolve(".broker-store") : Path.of(store),
                Long.parseLong(env.getOrDefault("BROKER_LOCK_DURATION_MS", "600000")),
                Long.parseLong(env.getOrDefault("BROKER_MAX_FILE_BYTES", String.valueOf(DeidentificationRun.DEFAULT_MAX_FILE_BYTES))),
                Runtime.getRuntime().availableProcessors());
    }

    public URI tokenEndpoint() {
        return URI.create(keycloakUrl + "/realms/" + realm + "/protocol/openid-connect/token");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The client secret stays out of logs and exception messages. */
    @Override
    public String toString() {
        return "WorkerSettings[camunda=" + camundaRestUrl + ", keycloak=" + keycloakUrl + ", realm=" + realm
                + ", clientId=" + clientId + ", archive=" + archiveDir + ", output=" + outputDir + "]";
    }
}

package uk.nip.broker.worker;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import uk.nip.broker.archive.DicomWebArchive;
import uk.nip.broker.archive.FolderArchive;
import uk.nip.broker.archive.ImageArchive;
import uk.nip.broker.provision.DeidentificationRun;

/**
 * The worker's configuration, read from environment variables with development defaults.
 * {@code archiveUrl} set means a DICOMweb archive; otherwise the folder archive at {@code archiveDir}.
 */
public record WorkerSettings(URI camundaRestUrl, URI keycloakUrl, String realm, String clientId, String clientSecret,
        Path archiveDir, URI archiveUrl, String archiveCollectionAttribute, Path optOutFile, Path outputDir,
        Path storeDir, long lockDurationMillis, long maxFileBytes, int threads) {

    public static WorkerSettings fromEnvironment(Map<String, String> env) {
        Path output = Path.of(env.getOrDefault("BROKER_OUTPUT_DIR", "/var/lib/dicom-broker/outputs"));
        String store = env.get("BROKER_STORE_DIR");
        String archiveUrl = env.get("BROKER_ARCHIVE_URL");
        String optOut = env.get("BROKER_OPT_OUT_FILE");
        return new WorkerSettings(
                URI.create(stripSlash(env.getOrDefault("CAMUNDA_REST_URL", "http://localhost:8080/engine-rest"))),
                URI.create(stripSlash(env.getOrDefault("KEYCLOAK_URL", "http://localhost:8180"))),
                env.getOrDefault("KEYCLOAK_REALM", "imaging"),
                env.getOrDefault("BROKER_CLIENT_ID", "dicom-broker"),
                env.getOrDefault("BROKER_CLIENT_SECRET", "dicom-broker-dev-secret"),
                Path.of(env.getOrDefault("BROKER_ARCHIVE_DIR", "/var/lib/dicom-broker/archive")),
                archiveUrl == null || archiveUrl.isBlank() ? null : URI.create(stripSlash(archiveUrl.trim())),
                env.getOrDefault("BROKER_ARCHIVE_COLLECTION_ATTRIBUTE", DicomWebArchive.DEFAULT_COLLECTION_ATTRIBUTE),
                optOut == null || optOut.isBlank() ? null : Path.of(optOut),
                output,
                // same rule as the CLI: a hidden sibling of the project folders unless configured
                store == null || store.isBlank() ? output.toAbsolutePath().normalize().resolve(".broker-store") : Path.of(store),
                Long.parseLong(env.getOrDefault("BROKER_LOCK_DURATION_MS", "600000")),
                Long.parseLong(env.getOrDefault("BROKER_MAX_FILE_BYTES", String.valueOf(DeidentificationRun.DEFAULT_MAX_FILE_BYTES))),
                Runtime.getRuntime().availableProcessors());
    }

    /** The archive the broker provisions from: DICOMweb when BROKER_ARCHIVE_URL is set, else the folder archive. */
    public ImageArchive archive() {
        return archiveUrl != null
                ? new DicomWebArchive(archiveUrl, archiveCollectionAttribute, Duration.ofMinutes(10))
                : new FolderArchive(archiveDir);
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
                + ", clientId=" + clientId + ", archive=" + (archiveUrl != null ? archiveUrl : archiveDir)
                + ", output=" + outputDir + "]";
    }
}

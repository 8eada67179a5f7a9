package uk.nip.broker.archive;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import uk.nip.broker.ProjectId;
import uk.nip.broker.deid.RestrictedStore;
import uk.nip.broker.provision.ProvisioningManifest;

/**
 * Ends a project's access to data: deletes every released file (hashing each first), then
 * the project's keys and quarantine, checks nothing is left and records an attestation in
 * the restricted store. Deleting the keys means the project's pseudonyms can never be
 * recreated. Running it again is harmless and attests zero files.
 */
public final class ProjectDataDestruction {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ProjectOutputs outputs;
    private final RestrictedStore store;
    private final Clock clock;

    public ProjectDataDestruction(ProjectOutputs outputs, RestrictedStore store, Clock clock) {
        this.outputs = outputs;
        this.store = store;
        this.clock = clock;
    }

    public DestructionAttestation destroy(ProjectId project) throws IOException {
        Path folder = outputs.projectFolder(project);
        List<Map<String, Object>> destroyed = new ArrayList<>();
        long bytes = 0;
        if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> paths;
            try (Stream<Path> all = Files.walk(folder)) {
                paths = all.sorted(Comparator.reverseOrder()).toList();
            }
            for (Path p : paths) {
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    long size = Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.size(p) : 0;
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("path", folder.relativize(p).toString());
                    entry.put("sha256", Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? sha256(p) : null);
                    entry.put("bytes", size);
                    destroyed.add(entry);
                    bytes += size;
                }
                Files.delete(p);
            }
        }
        long restricted = store.destroyProject(project);
        if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS) || store.hasProject(project)) {
            throw new IOException("data of project " + project + " is still present after deletion");
        }

        Instant at = clock.instant();
        String by = destroyedBy();
        destroyed.sort(Comparator.comparing(m -> (String) m.get("path")));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("project", project.value());
        record.put("outputFolder", folder.toString());
        record.put("filesDestroyed", destroyed.size());
        record.put("bytesDestroyed", bytes);
        record.put("restrictedFilesDestroyed", restricted);
        record.put("destroyedAt", at.toString());
        record.put("destroyedBy", by);
        record.put("files", destroyed);
        byte[] json = JSON.writeValueAsBytes(record);
        Path attestations = RestrictedStore.ensureOwnerOnlyDirectory(store.root().resolve("attestations"));
        Path file = attestations.resolve(project.value() + "-destroyed-" + at.toEpochMilli() + ".json");
        Files.write(file, json);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return new DestructionAttestation(project.value(), destroyed.size(), bytes, restricted,
                ProvisioningManifest.sha256(json), at, by);
    }

    private static String sha256(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Host and process, so an auditor can tell which broker instance did the deletion. */
    static String destroyedBy() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return "dicom-broker@" + host + " pid " + ProcessHandle.current().pid();
    }
}

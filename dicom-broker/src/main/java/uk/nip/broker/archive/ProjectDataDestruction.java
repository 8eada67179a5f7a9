package uk.nip.broker.archive;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import uk.nip.broker.ProjectId;
import uk.nip.broker.deid.RestrictedStore;
import uk.nip.broker.provision.ProvisioningManifest;

/**
 * Ends a project's access to data: deletes every released file (hashing each first), then the
 * project's keys and quarantine, checks nothing is left and records an attestation in the
 * restricted store ({@code attestations/<project>-destroyed-<started millis>.json}). Deleting
 * the keys means the project's pseudonyms can never be recreated.
 *
 * <p>A destroy-data task is delivered again whenever its completion did not reach the engine,
 * and a broker can be killed part-way, so destruction is idempotent and crash-safe. Before
 * anything is deleted, every file about to go (with its size and SHA-256) is recorded in a
 * pending attestation, {@code attestations/<project>.pending.json}, which lies outside what
 * destruction deletes. A run that finds one finishes that destruction and finalises that
 * attestation; a run that finds nothing left and a finalised attestation returns it unchanged.
 * Only a project that never had data here is attested with zero files.
 */
public final class ProjectDataDestruction {

    static final String ATTESTATIONS = "attestations";
    private static final String PENDING = ".pending.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Deletes one file or empty folder of the output. */
    @FunctionalInterface
    interface Deletion {
        void delete(Path path) throws IOException;
    }

    private final ProjectOutputs outputs;
    private final RestrictedStore store;
    private final Clock clock;
    private final Deletion deletion;

    public ProjectDataDestruction(ProjectOutputs outputs, RestrictedStore store, Clock clock) {
        this(outputs, store, clock, Files::delete);
    }

    /** With the deletion of output files replaced, so a test can stop it part-way as a killed broker would. */
    ProjectDataDestruction(ProjectOutputs outputs, RestrictedStore store, Clock clock, Deletion deletion) {
        this.outputs = outputs;
        this.store = store;
        this.clock = clock;
        this.deletion = deletion;
    }

    public DestructionAttestation destroy(ProjectId project) throws IOException {
        Path attestations = RestrictedStore.ensureOwnerOnlyDirectory(store.root().resolve(ATTESTATIONS));
        Path pendingFile = attestations.resolve(project.value() + PENDING);
        Path folder = outputs.projectFolder(project);
        Destruction destruction;
        if (Files.exists(pendingFile)) {
            destruction = Destruction.read(JSON.readTree(pendingFile.toFile()), project);
        } else {
            Optional<Path> earlier = latestAttestation(attestations, project);
            if (earlier.isPresent() && !Files.exists(folder, LinkOption.NOFOLLOW_LINKS) && !store.hasProject(project)) {
                // delivered again after the engine missed the completion: the same proof, not a zero-file one
                return attestation(Files.readAllBytes(earlier.get()));
            }
            Instant started = clock.instant();
            destruction = new Destruction(newAttestationName(attestations, project, started), started, destroyedBy());
        }

        // what is about to go is on disk before the first deletion; a resumed run adds what is left now
        listOutputs(folder, destruction);
        for (String name : store.projectFiles(project)) {
            // names only as hashes: quarantined originals are named by their source path
            destruction.restrictedFiles.add(ProvisioningManifest.sha256(name.getBytes(StandardCharsets.UTF_8)));
        }
        Map<String, Object> pending = destruction.describe(project, folder);
        pending.put("attestation", destruction.attestation);
        pending.put("restrictedFiles", destruction.restrictedFiles);
        writeOwnerOnly(pendingFile, JSON.writeValueAsBytes(pending));

        deleteOutputs(folder);
        store.destroyProject(project);
        if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS) || store.hasProject(project)) {
            throw new IOException("data of project " + project + " is still present after deletion");
        }

        Map<String, Object> record = destruction.describe(project, folder);
        record.put("destroyedAt", clock.instant().toString());
        record.put("destroyedBy", destroyedBy());
        record.put("files", record.remove("files"));
        byte[] json = JSON.writeValueAsBytes(record);
        writeOwnerOnly(attestations.resolve(destruction.attestation), json);
        Files.delete(pendingFile);
        return attestation(json);
    }

    /** One destruction's record, as the pending attestation holds it. */
    private static final class Destruction {
        final String attestation;
        final Instant startedAt;
        final String startedBy;
        /** Output files by path relative to the project folder; those already deleted stay listed. */
        final Map<String, Map<String, Object>> files = new TreeMap<>();
        final TreeSet<String> restrictedFiles = new TreeSet<>();

        Destruction(String attestation, Instant startedAt, String startedBy) {
            this.attestation = attestation;
            this.startedAt = startedAt;
            this.startedBy = startedBy;
        }

        static Destruction read(JsonNode pending, ProjectId project) throws IOException {
            String name = pending.path("attestation").asText("");
            if (!attestationName(project).matcher(name).matches() || !pending.hasNonNull("startedAt")) {
                throw new IOException("the pending destruction record of project " + project + " is damaged");
            }
            Destruction d = new Destruction(name, Instant.parse(pending.get("startedAt").asText()),
                    pending.path("startedBy").asText());
            for (JsonNode f : pending.path("files")) {
                d.files.put(f.path("path").asText(), file(f.path("path").asText(),
                        f.hasNonNull("sha256") ? f.get("sha256").asText() : null, f.path("bytes").asLong()));
            }
            pending.path("restrictedFiles").forEach(r -> d.restrictedFiles.add(r.asText()));
            return d;
        }

        /** Counts, times and the files, shared by the pending and the final attestation. */
        Map<String, Object> describe(ProjectId project, Path folder) {
            long bytes = files.values().stream().mapToLong(f -> (Long) f.get("bytes")).sum();
            // each dataset's manifest hash is what its provision-dataset task reported
            Map<String, Object> manifests = new TreeMap<>();
            files.forEach((path, f) -> {
                String[] parts = path.split("/");
                if (parts.length == 2 && parts[1].equals(ProvisioningManifest.FILE_NAME) && f.get("sha256") != null) {
                    manifests.put(parts[0], f.get("sha256"));
                }
            });
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("project", project.value());
            m.put("outputFolder", folder.toString());
            m.put("filesDestroyed", files.size());
            m.put("bytesDestroyed", bytes);
            m.put("restrictedFilesDestroyed", restrictedFiles.size());
            m.put("startedAt", startedAt.toString());
            m.put("startedBy", startedBy);
            m.put("datasetManifests", manifests);
            m.put("files", new ArrayList<>(files.values()));
            return m;
        }
    }

    private static Map<String, Object> file(String path, String sha256, long bytes) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("path", path);
        entry.put("sha256", sha256);
        entry.put("bytes", bytes);
        return entry;
    }

    private static void listOutputs(Path folder, Destruction destruction) throws IOException {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    boolean regular = Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
                    String path = folder.relativize(p).toString().replace('\\', '/');
                    destruction.files.put(path, file(path, regular ? sha256(p) : null, regular ? Files.size(p) : 0));
                }
            }
        }
    }

    private void deleteOutputs(Path folder) throws IOException {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> all = Files.walk(folder)) {
            paths = all.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : paths) {
            deletion.delete(p);
        }
    }

    private static Pattern attestationName(ProjectId project) {
        return Pattern.compile(Pattern.quote(project.value()) + "-destroyed-(\\d+)(?:-(\\d+))?\\.json");
    }

    /** Named by when the destruction started; a second one in the same millisecond gets a number. */
    private static String newAttestationName(Path attestations, ProjectId project, Instant started) {
        String base = project.value() + "-destroyed-" + started.toEpochMilli();
        String name = base + ".json";
        for (int n = 2; Files.exists(attestations.resolve(name)); n++) {
            name = base + "-" + n + ".json";
        }
        return name;
    }

    /** The project's most recent finalised attestation, by the time and number in its name. */
    private static Optional<Path> latestAttestation(Path attestations, ProjectId project) throws IOException {
        Pattern names = attestationName(project);
        Path latest = null;
        long[] latestKey = null;
        try (Stream<Path> all = Files.list(attestations)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Matcher m = names.matcher(p.getFileName().toString());
                if (m.matches()) {
                    long[] key = {Long.parseLong(m.group(1)), m.group(2) == null ? 1 : Long.parseLong(m.group(2))};
                    if (latestKey == null || key[0] > latestKey[0] || key[0] == latestKey[0] && key[1] > latestKey[1]) {
                        latest = p;
                        latestKey = key;
                    }
                }
            }
        }
        return Optional.ofNullable(latest);
    }

    /** What the engine is told: counts, who and when, and the SHA-256 of the attestation's bytes. */
    private static DestructionAttestation attestation(byte[] json) throws IOException {
        JsonNode a = JSON.readTree(json);
        return new DestructionAttestation(a.path("project").asText(), a.path("filesDestroyed").asLong(),
                a.path("bytesDestroyed").asLong(), a.path("restrictedFilesDestroyed").asLong(),
                ProvisioningManifest.sha256(json), Instant.parse(a.path("destroyedAt").asText()),
                a.path("destroyedBy").asText());
    }

    /** Written whole or not at all, and on disk before the next step deletes anything. */
    private static void writeOwnerOnly(Path file, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".attestation", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
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

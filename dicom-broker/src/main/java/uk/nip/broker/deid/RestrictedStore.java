package uk.nip.broker.deid;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import uk.nip.broker.ProjectId;

/**
 * The broker's restricted folder: per-project secrets and quarantined originals.
 * Nothing in here may reach a sandbox, a manifest or a log, so folders are 700 and files 600.
 *
 * <pre>
 * store/projects/&lt;projectId&gt;/project.key               32 random bytes, HMAC key
 * store/projects/&lt;projectId&gt;/quarantine/&lt;batch&gt;/...    quarantined originals and their reasons
 * store/attestations/&lt;projectId&gt;-destroyed-*.json     destruction attestations, kept after the project's folder goes
 * </pre>
 */
public final class RestrictedStore {

    public static final String ENV_STORE_DIR = "BROKER_STORE_DIR";
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final int KEY_BYTES = 32;

    private final Path root;

    public RestrictedStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** BROKER_STORE_DIR when set, otherwise a hidden sibling of the output folder. */
    public static RestrictedStore forOutput(Path outputDir, String storeDirFromEnvironment) {
        if (storeDirFromEnvironment != null && !storeDirFromEnvironment.isBlank()) {
            return new RestrictedStore(Path.of(storeDirFromEnvironment));
        }
        Path out = outputDir.toAbsolutePath().normalize();
        Path parent = out.getParent() != null ? out.getParent() : out;
        return new RestrictedStore(parent.resolve(".broker-store"));
    }

    public Path root() {
        return root;
    }

    public Path projectFolder(ProjectId project) throws IOException {
        Path projects = ensureOwnerOnlyDirectory(ensureOwnerOnlyDirectory(root).resolve("projects"));
        return ensureOwnerOnlyDirectory(projects.resolve(project.value()));
    }

    /** Where originals of one input batch go when they cannot be released. */
    public Path quarantineFolder(ProjectId project, String batch) throws IOException {
        ProjectId.requireSafe("quarantine batch", batch);
        Path q = ensureOwnerOnlyDirectory(projectFolder(project).resolve("quarantine"));
        return ensureOwnerOnlyDirectory(q.resolve(batch));
    }

    /**
     * The project's HMAC key, created on first use. Creation goes through a hard link so
     * two brokers starting together agree on one key instead of overwriting each other.
     */
    public byte[] projectKey(ProjectId project) throws IOException {
        Path folder = projectFolder(project);
        Path key = folder.resolve("project.key");
        if (!Files.exists(key)) {
            byte[] fresh = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(fresh);
            Path tmp = Files.createTempFile(folder, ".key", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            try {
                Files.write(tmp, fresh, StandardOpenOption.TRUNCATE_EXISTING);
                Files.createLink(key, tmp);
            } catch (FileAlreadyExistsException raced) {
                // another broker created it first: use theirs
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        byte[] bytes = Files.readAllBytes(key);
        if (bytes.length != KEY_BYTES) {
            throw new IOException("project key in the restricted store is damaged (" + bytes.length + " bytes)");
        }
        return bytes;
    }

    public boolean hasProject(ProjectId project) {
        return Files.isDirectory(root.resolve("projects").resolve(project.value()), LinkOption.NOFOLLOW_LINKS);
    }

    /** Names of the project's files (key, quarantine, journals, cohorts), relative to its folder. */
    public List<String> projectFiles(ProjectId project) throws IOException {
        Path folder = root.resolve("projects").resolve(project.value());
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> folder.relativize(p).toString()).sorted().toList();
        }
    }

    /** Deletes the project's keys and quarantine; returns how many files were removed. */
    public long destroyProject(ProjectId project) throws IOException {
        Path folder = root.resolve("projects").resolve(project.value());
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        long files = 0;
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    files++;
                }
                Files.delete(p);
            }
        }
        return files;
    }

    public static Path ensureOwnerOnlyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
        Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
        return dir;
    }

    public static void makeOwnerOnlyFile(Path file) throws IOException {
        Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
    }

    @Override
    public String toString() {
        return "RestrictedStore[" + root + "]";
    }
}

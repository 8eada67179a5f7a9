package uk.nip.broker.provision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import uk.nip.broker.deid.RestrictedStore;

/**
 * Originals that cannot be released, kept for a custodian to review. It lives in the
 * restricted store, never beside the output: quarantined files are identifiable by definition.
 * Each original keeps its relative path, with a {@code .reason.json} beside it.
 */
public final class Quarantine {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;

    public Quarantine(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /** Never throws: a file that cannot even be copied is still recorded with its reason. */
    void place(ReceivedInstance original, String relativePath, QuarantineReason reason, String detail) {
        place(original, relativePath, reason, detail, "not copied: the source did not supply the file");
    }

    /** As above; {@code whyNoCopy} is recorded when there is no {@code original}. */
    void place(ReceivedInstance original, String relativePath, QuarantineReason reason, String detail, String whyNoCopy) {
        Path target;
        try {
            target = folder.resolve(relativePath).normalize();
        } catch (InvalidPathException e) {
            // a file name this system's encoding cannot write back: kept under a name of its hash
            target = folder.resolve("unwritable-names").resolve(
                    ProvisioningManifest.sha256(relativePath.getBytes(StandardCharsets.UTF_8)) + ".dcm");
        }
        if (!target.startsWith(folder)) {
            return;
        }
        try {
            ensureFolders(target.getParent());
            Map<String, String> record = new LinkedHashMap<>();
            record.put("file", relativePath);
            record.put("reason", reason.code());
            record.put("detail", detail);
            try {
                if (original == null) {
                    record.put("copy", whyNoCopy);
                } else if (original.inMemory()) {
                    try (java.io.OutputStream out = Files.newOutputStream(target)) {
                        out.write(original.data(), original.offset(), (int) original.size());
                    }
                    RestrictedStore.makeOwnerOnlyFile(target);
                } else if (Files.isRegularFile(original.file(), LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(original.file(), target, StandardCopyOption.REPLACE_EXISTING);
                    RestrictedStore.makeOwnerOnlyFile(target);
                } else {
                    record.put("copy", "not copied: not a regular file (a symbolic link is never followed)");
                }
            } catch (IOException e) {
                record.put("copy", "not copied: " + e.getClass().getSimpleName());
            }
            Path sidecar = target.resolveSibling(target.getFileName() + ".reason.json");
            Files.writeString(sidecar, JSON.writeValueAsString(record), StandardCharsets.UTF_8);
            RestrictedStore.makeOwnerOnlyFile(sidecar);
        } catch (IOException e) {
            // the run's summary still lists the file and its reason
        }
    }

    private void ensureFolders(Path dir) throws IOException {
        Path relative = folder.relativize(dir);
        Path current = folder;
        RestrictedStore.ensureOwnerOnlyDirectory(current);
        for (Path part : relative) {
            if (part.toString().isEmpty()) {
                continue;
            }
            current = current.resolve(part);
            RestrictedStore.ensureOwnerOnlyDirectory(current);
        }
    }
}

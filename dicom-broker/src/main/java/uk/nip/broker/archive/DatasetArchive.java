package uk.nip.broker.archive;

import java.nio.file.Files;
import java.nio.file.Path;

import uk.nip.broker.ProjectId;

/** The folder archive the broker reads from: one sub-folder per dataset id, read-only to the broker. */
public final class DatasetArchive {

    private final Path root;

    public DatasetArchive(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path datasetFolder(String datasetId) {
        Path folder = root.resolve(ProjectId.requireSafe("dataset id", datasetId));
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("dataset '" + datasetId + "' is not in the archive");
        }
        return folder;
    }
}

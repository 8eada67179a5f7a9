package uk.nip.broker.archive;

import java.nio.file.Path;

import uk.nip.broker.ProjectId;

/**
 * Where released data lives: {@code <root>/<projectId>/} is what a project's sandbox mounts,
 * with one folder per provisioned dataset inside so each keeps its own manifest.
 */
public final class ProjectOutputs {

    private final Path root;

    public ProjectOutputs(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path projectFolder(ProjectId project) {
        return root.resolve(project.value());
    }

    public Path datasetFolder(ProjectId project, String datasetId) {
        return projectFolder(project).resolve(ProjectId.requireSafe("dataset id", datasetId));
    }
}

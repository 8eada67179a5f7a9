package uk.nip.broker.provision;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import uk.nip.broker.ProjectId;
import uk.nip.broker.ToolVersions;
import uk.nip.broker.deid.DeidentificationProfile;

/**
 * The outcome of one de-identification run; its counts always add up: received = written +
 * quarantined. {@code resumed} of them were taken over from an earlier run's journal.
 */
public record RunReport(ProjectId project, DeidentificationProfile profile, List<FileOutcome> outcomes,
        long resumed, Path outputFolder, Path manifest, String manifestSha256, Path quarantineFolder, long elapsedMillis) {

    public long received() {
        return outcomes.size();
    }

    public long written() {
        return outcomes.stream().filter(FileOutcome::isWritten).count();
    }

    public long quarantined() {
        return outcomes.stream().filter(o -> !o.isWritten()).count();
    }

    /** The JSON summary the CLI prints; input paths appear here only, never in the output folder. */
    public Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("project", project.value());
        s.put("received", received());
        s.put("written", written());
        // finished by an earlier, interrupted or identical run and checked unchanged
        s.put("resumed", resumed);
        List<Map<String, String>> q = new ArrayList<>();
        for (FileOutcome o : outcomes) {
            if (!o.isWritten()) {
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("file", o.inputPath());
                entry.put("reason", o.reason().code());
                entry.put("detail", o.detail());
                q.add(entry);
            }
        }
        s.put("quarantined", q);
        s.put("quarantinedCount", quarantined());
        s.put("quarantinedByReason", ProvisioningManifest.quarantinedByReason(outcomes));
        s.put("stages", ProvisioningManifest.stageCounts(outcomes));
        s.put("profile", ProvisioningManifest.profileDescription(profile));
        s.put("tools", ToolVersions.all());
        s.put("output", outputFolder.toString());
        s.put("manifest", manifest.toString());
        s.put("manifestSha256", manifestSha256);
        s.put("quarantineFolder", quarantineFolder.toString());
        s.put("elapsedMs", elapsedMillis);
        return s;
    }
}

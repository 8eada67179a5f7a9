package uk.nip.broker.provision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.ObjectMapper;

import uk.nip.broker.ProjectId;
import uk.nip.broker.archive.ArchiveIndex;
import uk.nip.broker.archive.ArchiveSource;
import uk.nip.broker.archive.ArchivedInstance;
import uk.nip.broker.archive.ImageArchive;
import uk.nip.broker.archive.ProjectOutputs;
import uk.nip.broker.cohort.CohortCounts;
import uk.nip.broker.cohort.CohortCriteria;
import uk.nip.broker.cohort.CohortSelection;
import uk.nip.broker.cohort.OptOutList;
import uk.nip.broker.deid.DeidentificationProfile;
import uk.nip.broker.deid.RestrictedStore;

/**
 * Provisions a cohort of one archived dataset (collection) into a project's output folder:
 * brings the archive index up to date, selects by the criteria, leaves out opted-out
 * patients, then de-identifies what remains.
 */
public final class DatasetProvisioning {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ImageArchive archive;
    private final ProjectOutputs outputs;
    private final RestrictedStore store;
    private final OptOutList optOut;
    private final long maxFileBytes;
    private final int threads;

    public DatasetProvisioning(ImageArchive archive, ProjectOutputs outputs, RestrictedStore store, OptOutList optOut,
            long maxFileBytes, int threads) {
        this.archive = archive;
        this.outputs = outputs;
        this.store = store;
        this.optOut = optOut;
        this.maxFileBytes = maxFileBytes;
        this.threads = threads;
    }

    public RunReport provision(ProjectId project, String datasetId, CohortCriteria criteria, ProgressListener progress)
            throws IOException {
        return provision(project, datasetId, criteria, progress, optOut, null);
    }

    /**
     * As above, leaving out the patients on this opt-out list (the configured file plus the task's
     * register), and stopping between instances once {@code stopRequested} answers true (the task
     * was withdrawn; null never stops): then {@link RunStopped} is thrown and what was finished stays
     * for a later run.
     */
    public RunReport provision(ProjectId project, String datasetId, CohortCriteria criteria, ProgressListener progress,
            OptOutList optOut, BooleanSupplier stopRequested) throws IOException {
        CohortSelection.Result cohort = select(List.of(datasetId), criteria, optOut);
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("criteria", criteria.describe());
        described.put("nationalDataOptOutApplied", cohort.optOutApplied());
        recordSelection(project, datasetId, described, cohort.instances());
        return new DeidentificationRun(new DeidentificationRun.Settings(project, datasetId,
                new ArchiveSource(archive, datasetId, cohort.instances()), outputs.datasetFolder(project, datasetId),
                store, datasetId, DeidentificationProfile.tciaDefault(), maxFileBytes, threads, progress, described,
                true, stopRequested)).execute();
    }

    /** Unsuppressed: callers pass only {@link CohortCounts#asVariables()} on. */
    public CohortCounts count(List<String> datasetIds, CohortCriteria criteria) throws IOException {
        return count(datasetIds, criteria, optOut);
    }

    public CohortCounts count(List<String> datasetIds, CohortCriteria criteria, OptOutList optOut) throws IOException {
        return select(datasetIds, criteria, optOut).counts();
    }

    /** The opt-out list this provisioning was configured with (the broker's own file, if any). */
    public OptOutList optOut() {
        return optOut;
    }

    private CohortSelection.Result select(List<String> datasetIds, CohortCriteria criteria, OptOutList optOut)
            throws IOException {
        try (ArchiveIndex index = ArchiveIndex.open(store)) {
            for (String id : datasetIds) {
                index.refresh(archive, ProjectId.requireSafe("dataset id", id), threads);
            }
            return CohortSelection.select(index, archive, datasetIds, criteria, optOut);
        }
    }

    /** Which source instances the project was given, kept only in the restricted store. */
    private void recordSelection(ProjectId project, String datasetId, Map<String, Object> described,
            List<ArchivedInstance> instances) throws IOException {
        Path folder = RestrictedStore.ensureOwnerOnlyDirectory(store.projectFolder(project).resolve("cohorts"));
        Map<String, Object> record = new LinkedHashMap<>(described);
        record.put("archive", archive.location());
        record.put("dataset", datasetId);
        record.put("instances", instances.stream().map(ArchivedInstance::sourceKey).toList());
        Path tmp = Files.createTempFile(folder, ".cohort", ".tmp");
        JSON.writeValue(tmp.toFile(), record);
        RestrictedStore.makeOwnerOnlyFile(tmp);
        Files.move(tmp, folder.resolve(datasetId + ".json"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }
}

package uk.nip.broker.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import uk.nip.broker.ProjectId;
import uk.nip.broker.archive.DicomWebArchive;
import uk.nip.broker.archive.FolderArchive;
import uk.nip.broker.archive.ImageArchive;
import uk.nip.broker.archive.ProjectOutputs;
import uk.nip.broker.cohort.CohortCriteria;
import uk.nip.broker.cohort.OptOutList;
import uk.nip.broker.deid.RestrictedStore;
import uk.nip.broker.provision.DatasetProvisioning;
import uk.nip.broker.provision.DeidentificationRun;
import uk.nip.broker.provision.RunReport;

/**
 * {@code provision} and {@code cohort-counts}: what the worker's topics do, run by hand against
 * a folder or DICOMweb archive (for operators, demonstrations and the benchmark).
 */
final class ArchiveCommands {

    /** Command-line option for each cohort variable. */
    private static final Map<String, String> CRITERIA_OPTIONS = Map.of(
            "modalities", CohortCriteria.MODALITIES,
            "body-parts", CohortCriteria.BODY_PARTS,
            "study-date-from", CohortCriteria.STUDY_DATE_FROM,
            "study-date-to", CohortCriteria.STUDY_DATE_TO,
            "age-min", CohortCriteria.AGE_MIN,
            "age-max", CohortCriteria.AGE_MAX,
            "sex", CohortCriteria.SEX,
            "sites", CohortCriteria.SITES);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ArchiveCommands() {
    }

    static int provision(List<String> args, PrintStream out, Map<String, String> env) throws UsageException, IOException {
        CommandLineArguments a = parse(args, Set.of("project", "dataset", "out", "threads"));
        ProjectId project;
        CohortCriteria criteria;
        try {
            project = ProjectId.of(a.required("project"));
            criteria = criteria(a);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String dataset = a.required("dataset");
        Path outputs = Path.of(a.required("out"));
        String storeDir = env.get(RestrictedStore.ENV_STORE_DIR);
        // same rule as the worker: a hidden sibling of the project folders unless configured
        RestrictedStore store = storeDir == null || storeDir.isBlank()
                ? new RestrictedStore(outputs.toAbsolutePath().normalize().resolve(".broker-store"))
                : new RestrictedStore(Path.of(storeDir));
        RunReport report = provisioning(a, env, outputs, store).provision(project, dataset, criteria, null);
        out.println(JSON.writeValueAsString(report.summary()));
        return BrokerCommandLine.OK;
    }

    static int cohortCounts(List<String> args, PrintStream out, Map<String, String> env) throws UsageException, IOException {
        CommandLineArguments a = parse(args, Set.of("dataset", "threads"));
        CohortCriteria criteria;
        try {
            criteria = criteria(a);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        List<String> datasets = Arrays.stream(a.required("dataset").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).distinct().toList();
        String storeDir = env.get(RestrictedStore.ENV_STORE_DIR);
        if (storeDir == null || storeDir.isBlank()) {
            throw new UsageException(RestrictedStore.ENV_STORE_DIR + " must name the restricted store (it holds the archive index)");
        }
        RestrictedStore store = new RestrictedStore(Path.of(storeDir));
        // counting writes nothing to the outputs; the store's own folder stands in for them
        out.println(JSON.writeValueAsString(provisioning(a, env, store.root(), store).count(datasets, criteria)
                .asVariables()));
        return BrokerCommandLine.OK;
    }

    private static CommandLineArguments parse(List<String> args, Set<String> own) throws UsageException {
        Set<String> single = new HashSet<>(own);
        single.addAll(Set.of("archive-dir", "archive-url", "collection-attribute", "opt-out"));
        single.addAll(CRITERIA_OPTIONS.keySet());
        return CommandLineArguments.parse(args, single, Set.of());
    }

    private static CohortCriteria criteria(CommandLineArguments a) {
        Map<String, String> values = new HashMap<>();
        CRITERIA_OPTIONS.forEach((option, variable) -> values.put(variable, a.optional(option, null)));
        return CohortCriteria.from(values::get);
    }

    /** The archive, store and opt-out list from options, falling back to the worker's environment variables. */
    private static DatasetProvisioning provisioning(CommandLineArguments a, Map<String, String> env, Path outputs,
            RestrictedStore store) throws UsageException {
        String url = a.optional("archive-url", env.get("BROKER_ARCHIVE_URL"));
        String dir = a.optional("archive-dir", env.get("BROKER_ARCHIVE_DIR"));
        ImageArchive archive;
        if (url != null && !url.isBlank()) {
            archive = new DicomWebArchive(URI.create(url), a.optional("collection-attribute",
                    env.getOrDefault("BROKER_ARCHIVE_COLLECTION_ATTRIBUTE", DicomWebArchive.DEFAULT_COLLECTION_ATTRIBUTE)),
                    Duration.ofMinutes(10));
        } else if (dir != null && !dir.isBlank()) {
            archive = new FolderArchive(Path.of(dir));
        } else {
            throw new UsageException("give --archive-url or --archive-dir (or BROKER_ARCHIVE_URL / BROKER_ARCHIVE_DIR)");
        }
        String optOut = a.optional("opt-out", env.get("BROKER_OPT_OUT_FILE"));
        int threads = (int) a.number("threads", Runtime.getRuntime().availableProcessors(), 1, 256);
        return new DatasetProvisioning(archive, new ProjectOutputs(outputs), store,
                OptOutList.of(optOut == null || optOut.isBlank() ? null : Path.of(optOut)),
                DeidentificationRun.DEFAULT_MAX_FILE_BYTES, threads);
    }
}

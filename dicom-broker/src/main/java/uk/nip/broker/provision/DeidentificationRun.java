package uk.nip.broker.provision;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import com.pixelmed.dicom.AttributeList;

import uk.nip.broker.ProjectId;
import uk.nip.broker.ToolVersions;
import uk.nip.broker.deid.BurnedInTextRisk;
import uk.nip.broker.deid.DeidentificationProfile;
import uk.nip.broker.deid.DicomDeidentifier;
import uk.nip.broker.deid.Pseudonymiser;
import uk.nip.broker.deid.RestrictedStore;
import uk.nip.broker.deid.SourceIdentifiers;

/**
 * De-identifies every file under an input folder into a project's output folder.
 *
 * <p>Each file ends either written or quarantined, never dropped. Output files are named by
 * their new UIDs ({@code <study>/<series>/<instance>.dcm}), so a repeated run for the same
 * project rewrites the same names with the same bytes instead of adding copies. A file is
 * written to the restricted store first and only moved into the output once its raw bytes
 * have been searched for every identifier of its source.
 */
public final class DeidentificationRun {

    public static final long DEFAULT_MAX_FILE_BYTES = 1L << 30;

    /** Everything a run needs; {@code datasetId} is recorded in the manifest when known. */
    public record Settings(ProjectId project, String datasetId, Path input, Path output, RestrictedStore store,
            String quarantineBatch, DeidentificationProfile profile, long maxFileBytes, int threads) {

        public Settings {
            input = input.toAbsolutePath().normalize();
            output = output.toAbsolutePath().normalize();
        }
    }

    private final Settings settings;

    public DeidentificationRun(Settings settings) {
        this.settings = settings;
    }

    public RunReport execute() throws IOException {
        long started = System.nanoTime();
        checkFolders();
        Files.createDirectories(settings.output());
        Pseudonymiser pseudonymiser = new Pseudonymiser(settings.store().projectKey(settings.project()));
        DicomDeidentifier deidentifier = new DicomDeidentifier(settings.profile(), pseudonymiser, ToolVersions.broker());
        Quarantine quarantine = new Quarantine(settings.store().quarantineFolder(settings.project(), settings.quarantineBatch()));
        Path work = RestrictedStore.ensureOwnerOnlyDirectory(settings.store().projectFolder(settings.project()).resolve("work"));

        List<Path> inputs = listInputs();
        FileWorker worker = new FileWorker(deidentifier, quarantine, work);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, settings.threads()));
        List<FileOutcome> outcomes = new ArrayList<>(inputs.size());
        try {
            List<Future<FileOutcome>> futures = new ArrayList<>(inputs.size());
            for (Path p : inputs) {
                futures.add(pool.submit(() -> worker.process(p)));
            }
            for (int i = 0; i < futures.size(); i++) {
                outcomes.add(await(futures.get(i), inputs.get(i), quarantine));
            }
        } finally {
            pool.shutdownNow();
        }

        Map<String, Object> manifest = ProvisioningManifest.build(settings.project(), settings.datasetId(),
                settings.profile(), outcomes);
        String manifestSha256 = ProvisioningManifest.write(settings.output(), manifest);
        return new RunReport(settings.project(), settings.profile(), outcomes, settings.output(),
                settings.output().resolve(ProvisioningManifest.FILE_NAME), manifestSha256, quarantine.folder(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private FileOutcome await(Future<FileOutcome> future, Path input, Quarantine quarantine) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("de-identification run interrupted", e);
        } catch (ExecutionException e) {
            String rel = relative(input);
            String detail = "unexpected failure: " + e.getCause().getClass().getSimpleName();
            quarantine.place(input, rel, QuarantineReason.DEIDENTIFICATION_FAILED, detail);
            return FileOutcome.quarantined(rel, Stage.RECEIVED, QuarantineReason.DEIDENTIFICATION_FAILED, detail);
        }
    }

    /** Refuses layouts that would re-read our own output or put secrets where a sandbox can see them. */
    private void checkFolders() {
        Path in = settings.input();
        Path out = settings.output();
        Path store = settings.store().root();
        if (!Files.isDirectory(in)) {
            throw new IllegalArgumentException("input folder does not exist or is not a folder: " + in);
        }
        if (out.startsWith(in) || in.startsWith(out)) {
            throw new IllegalArgumentException("input and output folders must not contain one another");
        }
        if (store.startsWith(out) || out.startsWith(store)) {
            throw new IllegalArgumentException("the restricted store must not be inside the output folder, nor the output inside the store");
        }
        if (store.startsWith(in)) {
            throw new IllegalArgumentException("the restricted store must not be inside the input folder");
        }
    }

    private List<Path> listInputs() throws IOException {
        try (Stream<Path> all = Files.walk(settings.input())) {
            return all.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
    }

    private String relative(Path p) {
        return settings.input().relativize(p).toString().replace('\\', '/');
    }

    /** The per-file pipeline; thread-safe, one instance shared by the pool. */
    private final class FileWorker {
        private final DicomDeidentifier deidentifier;
        private final Quarantine quarantine;
        private final Path work;
        private final InputIntake intake;
        private final Map<Path, String> claimedOutputs = new ConcurrentHashMap<>();

        FileWorker(DicomDeidentifier deidentifier, Quarantine quarantine, Path work) {
            this.deidentifier = deidentifier;
            this.quarantine = quarantine;
            this.work = work;
            this.intake = new InputIntake(settings.maxFileBytes());
        }

        FileOutcome process(Path input) {
            String rel = relative(input);
            Stage reached = Stage.RECEIVED;
            Path temp = null;
            try {
                InputIntake.Result read = intake.inspect(input);
                if (!read.isAccepted()) {
                    return quarantine(input, rel, reached, read.reason(), read.detail());
                }
                reached = Stage.ACCEPTED;
                AttributeList list = read.list();
                Optional<String> risk = BurnedInTextRisk.assess(list);
                if (risk.isPresent()) {
                    return quarantine(input, rel, reached, QuarantineReason.BURNED_IN_TEXT_RISK, risk.get());
                }
                SourceIdentifiers identifiers = SourceIdentifiers.collectFrom(list);
                DicomDeidentifier.ReleasedInstance released = deidentifier.deidentify(list, identifiers,
                        read.transferSyntaxUid());
                reached = Stage.DEIDENTIFIED;

                Path target = settings.output().resolve(released.studyInstanceUid())
                        .resolve(released.seriesInstanceUid()).resolve(released.sopInstanceUid() + ".dcm");
                String earlier = claimedOutputs.putIfAbsent(target, rel);
                if (earlier != null) {
                    return quarantine(input, rel, reached, QuarantineReason.DUPLICATE_INSTANCE,
                            "same SOP Instance UID as " + earlier);
                }

                temp = Files.createTempFile(work, "out", ".dcm");
                try {
                    list.write(temp.toFile(), read.transferSyntaxUid(), true, true);
                } catch (Exception e) {
                    return quarantine(input, rel, reached, QuarantineReason.UNSUPPORTED,
                            "cannot write transfer syntax " + read.transferSyntaxUid() + ": " + e.getClass().getSimpleName());
                }
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                List<String> leaks;
                try (InputStream in = new DigestInputStream(Files.newInputStream(temp), sha)) {
                    leaks = identifiers.findIn(in);
                }
                if (!leaks.isEmpty()) {
                    // a copy from an earlier run of the same instance must not stay released either
                    Files.deleteIfExists(target);
                    return quarantine(input, rel, reached, QuarantineReason.IDENTIFIER_LEAK,
                            "output bytes still contain the value of " + String.join(", ", leaks));
                }
                reached = Stage.VERIFIED;
                long bytes = Files.size(temp);
                moveIntoOutput(temp, target);
                temp = null;
                return FileOutcome.written(rel, settings.output().relativize(target).toString().replace('\\', '/'),
                        HexFormat.of().formatHex(sha.digest()), bytes);
            } catch (Exception | StackOverflowError | OutOfMemoryError e) {
                return quarantine(input, rel, reached, QuarantineReason.DEIDENTIFICATION_FAILED,
                        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + shorten(e.getMessage())));
            } finally {
                if (temp != null) {
                    try {
                        Files.deleteIfExists(temp);
                    } catch (IOException ignored) {
                        // the work folder is inside the restricted store; nothing leaks from it
                    }
                }
            }
        }

        private FileOutcome quarantine(Path input, String rel, Stage reached, QuarantineReason reason, String detail) {
            quarantine.place(input, rel, reason, detail);
            return FileOutcome.quarantined(rel, reached, reason, detail);
        }

        private void moveIntoOutput(Path temp, Path target) throws IOException {
            Files.createDirectories(target.getParent());
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                // store and output on different file systems: copy beside the target, then rename
                Path staged = Files.createTempFile(target.getParent(), ".incoming", ".tmp");
                Files.copy(temp, staged, StandardCopyOption.REPLACE_EXISTING);
                Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Files.delete(temp);
            }
            // the work folder is owner-only; released files are read by the project's sandbox
            Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static String shorten(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }
}

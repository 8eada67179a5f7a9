package uk.nip.broker.provision;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;

import uk.nip.broker.ProjectId;
import uk.nip.broker.ToolVersions;
import uk.nip.broker.deid.BurnedInTextRisk;
import uk.nip.broker.deid.DeidentificationProfile;
import uk.nip.broker.deid.DicomDeidentifier;
import uk.nip.broker.deid.Pseudonymiser;
import uk.nip.broker.deid.RestrictedStore;
import uk.nip.broker.deid.SourceIdentifiers;

/**
 * De-identifies every instance of a source (a folder, or a selection from an archive) into a
 * project's output folder.
 *
 * <p>Each instance ends either written or quarantined, never dropped. Output files are named by
 * their new UIDs ({@code <study>/<series>/<instance>.dcm}), so a repeated run for the same
 * project rewrites the same names with the same bytes instead of adding copies. No byte
 * reaches the output folder before the whole file has been searched for every identifier of
 * its source: an output is put together and searched in memory (or, too large for memory,
 * while it is written), written to the restricted store's work folder, and renamed into place.
 */
public final class DeidentificationRun {

    public static final long DEFAULT_MAX_FILE_BYTES = 1L << 30;
    static final String INCOMING = ".incoming";
    static final String MANIFEST_TEMP = ".manifest";
    /** Writes go out in pieces of this size. */
    static final int WRITE_PIECE = 256 * 1024;
    private static final Pattern VALID_UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    /**
     * Everything a run needs. {@code datasetId} and {@code cohort} (the selection criteria) are
     * recorded in the manifest when known. {@code removeUnlistedFiles} is for output folders the
     * broker owns: files a earlier, wider selection released there are removed, so the folder
     * holds exactly what the manifest lists. {@code stopRequested} is asked before each instance
     * is handed over: once it answers true the run hands over no more, lets those already handed
     * over finish and ends with {@link RunStopped}.
     */
    public record Settings(ProjectId project, String datasetId, InstanceSource source, Path output,
            RestrictedStore store, String quarantineBatch, DeidentificationProfile profile, long maxFileBytes,
            int threads, ProgressListener progress, Map<String, Object> cohort, boolean removeUnlistedFiles,
            BooleanSupplier stopRequested) {

        public Settings {
            output = output.toAbsolutePath().normalize();
            progress = progress == null ? ProgressListener.NONE : progress;
            stopRequested = stopRequested == null ? () -> false : stopRequested;
        }

        /** Every file under a folder. */
        public Settings(ProjectId project, String datasetId, Path input, Path output, RestrictedStore store,
                String quarantineBatch, DeidentificationProfile profile, long maxFileBytes, int threads) {
            this(project, datasetId, new FolderSource(input), output, store, quarantineBatch, profile, maxFileBytes,
                    threads, ProgressListener.NONE, null, false, null);
        }
    }

    /** Thrown through the source's retrieval to end it when the run is asked to stop. */
    private static final class StopHandingOver extends RuntimeException {
        StopHandingOver() {
            super("the run was asked to stop", null, false, false);
        }
    }

    private final Settings settings;

    public DeidentificationRun(Settings settings) {
        this.settings = settings;
    }

    public RunReport execute() throws IOException {
        long started = System.nanoTime();
        InstanceSource source = settings.source();
        source.checkLayout(settings.output(), settings.store().root());
        Path projectFolder = settings.store().projectFolder(settings.project());
        String runKey = ProvisioningJournal.key(source.location(), settings.output().toString(), settings.datasetId(),
                settings.quarantineBatch(), settings.profile().options().toString(), ToolVersions.broker());
        try (ProvisioningJournal journal = ProvisioningJournal.open(projectFolder.resolve("runs"), runKey)) {
            Files.createDirectories(settings.output());
            // no manifest while files change: its presence says the folder is complete
            Files.deleteIfExists(settings.output().resolve(ProvisioningManifest.FILE_NAME));
            removeLeftoverTemporaryFiles();
            Pseudonymiser pseudonymiser = new Pseudonymiser(settings.store().projectKey(settings.project()));
            DicomDeidentifier deidentifier = new DicomDeidentifier(settings.profile(), pseudonymiser, ToolVersions.broker());
            Quarantine quarantine = new Quarantine(settings.store().quarantineFolder(settings.project(), settings.quarantineBatch()));
            // the journal's lock makes this folder ours: copies a killed run left here are stale
            Path work = RestrictedStore.ensureOwnerOnlyDirectory(projectFolder.resolve("work"));
            work = work.resolve(runKey);
            deleteTree(work);
            RestrictedStore.ensureOwnerOnlyDirectory(work);

            List<SourceItem> items = source.items();
            FileWorker worker = new FileWorker(deidentifier, quarantine, work);
            Map<String, FileOutcome> outcomes = new ConcurrentHashMap<>();
            Map<String, ProvisioningJournal.Entry> earlier = journal.read();
            List<SourceItem> todo = resume(items, earlier, worker, outcomes);
            long resumed = outcomes.size();
            try {
                process(source, todo, work, worker, outcomes, journal, resumed, items.size());
            } finally {
                deleteTree(work);
            }
            withdrawDisplaced(items, worker, outcomes, journal, quarantine);
            journal.checkWritten();
            List<FileOutcome> ordered = new ArrayList<>(items.size());
            for (SourceItem item : items) {
                FileOutcome o = outcomes.get(item.name());
                if (o == null) {
                    // listed by the source but never handed over: recorded here, not in the journal, so a
                    // later run asks the source again
                    String detail = "the source did not supply this instance: the archive listed it but did not send "
                            + "it, or its UIDs are not valid UIDs, so it could not be asked for";
                    quarantine.place(null, item.name(), QuarantineReason.UNREADABLE, detail);
                    o = FileOutcome.quarantined(item.name(), Stage.RECEIVED, QuarantineReason.UNREADABLE, detail);
                }
                ordered.add(o);
            }

            if (settings.removeUnlistedFiles()) {
                removeUnlistedFiles(ordered);
            } else {
                removeEarlierOutputsNoLongerReleased(earlier, ordered);
            }
            Map<String, Object> manifest = ProvisioningManifest.build(settings.project(), settings.datasetId(),
                    settings.profile(), settings.cohort(), ordered);
            String manifestSha256 = ProvisioningManifest.write(settings.output(), manifest);
            return new RunReport(settings.project(), settings.profile(), ordered, resumed, settings.output(),
                    settings.output().resolve(ProvisioningManifest.FILE_NAME), manifestSha256, quarantine.folder(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /**
     * Takes over what an earlier run of the same key finished: quarantine decisions for unchanged
     * inputs, and written files still byte-for-byte what it wrote. Returns what is left to do.
     */
    private List<SourceItem> resume(List<SourceItem> items, Map<String, ProvisioningJournal.Entry> earlier,
            FileWorker worker, Map<String, FileOutcome> outcomes) throws IOException {
        if (earlier.isEmpty()) {
            return items;
        }
        List<SourceItem> todo = new ArrayList<>();
        List<SourceItem> toVerify = new ArrayList<>();
        for (SourceItem item : items) {
            ProvisioningJournal.Entry e = earlier.get(item.name());
            // a duplicate is one only while the input it duplicated still holds that output: decided again
            if (e == null || !e.fingerprint().equals(item.fingerprint())
                    || e.outcome().reason() == QuarantineReason.DUPLICATE_INSTANCE) {
                todo.add(item);
            } else if (e.outcome().isWritten()) {
                toVerify.add(item);
            } else {
                outcomes.put(item.name(), e.outcome());
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, settings.threads()));
        try {
            List<Future<Boolean>> checks = new ArrayList<>();
            for (SourceItem item : toVerify) {
                FileOutcome o = earlier.get(item.name()).outcome();
                checks.add(pool.submit(() -> ProvisioningJournal.stillIntact(settings.output(), o)));
            }
            for (int i = 0; i < toVerify.size(); i++) {
                SourceItem item = toVerify.get(i);
                FileOutcome o = earlier.get(item.name()).outcome();
                boolean intact = checks.get(i).get();
                // a name already taken by another resumed instance is redone, and then quarantined as a duplicate
                if (intact && worker.claim(settings.output().resolve(o.outputPath()), item.name()) == null) {
                    outcomes.put(item.name(), o);
                } else {
                    todo.add(item);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("de-identification run interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException("checking earlier outputs failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return todo;
    }

    /**
     * Inputs released before one with the same SOP Instance UID and a name that sorts first
     * came along: that one's file replaced theirs, so they become its duplicates, as they would
     * have been had the run met them in name order.
     */
    private void withdrawDisplaced(List<SourceItem> items, FileWorker worker, Map<String, FileOutcome> outcomes,
            ProvisioningJournal journal, Quarantine quarantine) {
        for (SourceItem item : items) {
            Path target = worker.displaced.get(item.name());
            FileOutcome o = outcomes.get(item.name());
            if (target == null || o == null || !o.isWritten()) {
                continue;
            }
            String winner = worker.claimedOutputs.get(target);
            String detail = "same SOP Instance UID as " + winner;
            quarantine.place(settings.source().original(item).orElse(null), item.name(),
                    QuarantineReason.DUPLICATE_INSTANCE, detail,
                    "not copied: it was released before " + winner + " was found to have the same SOP Instance UID; "
                            + "the source still holds it");
            FileOutcome duplicate = FileOutcome.quarantined(item.name(), Stage.DEIDENTIFIED,
                    QuarantineReason.DUPLICATE_INSTANCE, detail);
            journal.record(item, duplicate);
            outcomes.put(item.name(), duplicate);
        }
    }

    /**
     * Retrieval runs on this thread and feeds a bounded pool, so an archive is read while
     * earlier instances are de-identified, and at most a few retrieved copies wait at once.
     */
    private void process(InstanceSource source, List<SourceItem> items, Path work, FileWorker worker,
            Map<String, FileOutcome> outcomes, ProvisioningJournal journal, long alreadyDone, long total)
            throws IOException {
        int threads = Math.max(1, settings.threads());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Semaphore waiting = new Semaphore(threads * 2);
        AtomicLong done = new AtomicLong(alreadyDone);
        if (alreadyDone > 0) {
            settings.progress().progress(alreadyDone, total);
        }
        IOException failure = null;
        boolean stopped = false;
        try {
            source.retrieve(items, work, (item, file) -> {
                if (settings.stopRequested().getAsBoolean()) {
                    throw new StopHandingOver();
                }
                waiting.acquire();
                // waiting for room can take as long as an instance: asked again before handing over
                if (settings.stopRequested().getAsBoolean()) {
                    waiting.release();
                    throw new StopHandingOver();
                }
                try {
                    pool.execute(() -> {
                        try {
                            if (outcomes.putIfAbsent(item.name(), FileOutcome.PENDING) == null) {
                                FileOutcome o = worker.processSafely(item, file);
                                journal.record(item, o);
                                outcomes.put(item.name(), o);
                                settings.progress().progress(done.incrementAndGet(), total);
                            }
                        } finally {
                            if (source.deliversCopies() && file.file() != null) {
                                deleteQuietly(file.file());
                            }
                            waiting.release();
                        }
                    });
                } catch (RuntimeException e) {
                    waiting.release();
                    throw e;
                }
            });
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new IOException("de-identification run interrupted", e);
        } catch (StopHandingOver e) {
            stopped = true;
        } finally {
            pool.shutdown();
            try {
                while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    // large files take long; instances already handed over are finished, not abandoned
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        if (failure != null) {
            throw failure;
        }
        if (stopped) {
            // each finished instance is in the journal; no manifest is written, so the folder reads as unfinished
            throw new RunStopped(done.get(), total);
        }
    }

    /** The per-file pipeline; thread-safe, one instance shared by the pool. */
    private final class FileWorker {
        private final DicomDeidentifier deidentifier;
        private final Quarantine quarantine;
        private final Path work;
        private final InputIntake intake;
        /** Output file to the input released there. */
        private final Map<Path, String> claimedOutputs = new ConcurrentHashMap<>();
        /** Inputs whose released file an input named before them replaced, to their output file. */
        private final Map<String, Path> displaced = new ConcurrentHashMap<>();
        /** Releasing into one output file is decided and done under one of these. */
        private final Object[] releaseLocks = new Object[64];
        /** One copy buffer per pool thread, reused from file to file. */
        private final ThreadLocal<byte[]> buffers = new ThreadLocal<>();
        private final ThreadLocal<Path> workFolders = new ThreadLocal<>();

        FileWorker(DicomDeidentifier deidentifier, Quarantine quarantine, Path work) {
            this.deidentifier = deidentifier;
            this.quarantine = quarantine;
            this.work = work;
            this.intake = new InputIntake(settings.maxFileBytes());
            Arrays.setAll(releaseLocks, i -> new Object());
        }

        /**
         * Each thread's own folder: creating a file locks its folder, and on ext4 a creation
         * can take long (it skips inodes freed in the last 30 s), so one shared folder would
         * make the threads queue.
         */
        private Path workFolder() throws IOException {
            Path own = workFolders.get();
            if (own == null) {
                own = Files.createDirectory(work.resolve("thread-" + Thread.currentThread().getId()));
                workFolders.set(own);
            }
            return own;
        }

        /** Reserves an output name for a resumed input; returns the input that already holds it, if any. */
        String claim(Path target, String inputName) {
            return claimedOutputs.putIfAbsent(target, inputName);
        }

        private Object releaseLock(Path target) {
            return releaseLocks[Math.floorMod(target.hashCode(), releaseLocks.length)];
        }

        /**
         * Moves a checked output into place, unless an input whose name sorts first holds that
         * file already: then returns that input's name and leaves {@code temp} where it is. Among
         * inputs with the same SOP Instance UID the one named first is released, whatever order
         * the threads reach them in, so every run of a project releases the same bytes.
         */
        private String release(Path temp, Path target, String rel) throws IOException {
            synchronized (releaseLock(target)) {
                String holder = claimedOutputs.get(target);
                if (holder != null && !holder.equals(rel) && holder.compareTo(rel) < 0) {
                    return holder;
                }
                moveIntoOutput(temp, target);
                claimedOutputs.put(target, rel);
                if (holder != null && !holder.equals(rel)) {
                    displaced.put(holder, target);
                }
                return null;
            }
        }

        /** A copy an earlier run released for this instance must not stay released either. */
        private void withdrawEarlierCopy(Path target) throws IOException {
            synchronized (releaseLock(target)) {
                if (!claimedOutputs.containsKey(target)) {
                    Files.deleteIfExists(target);
                }
            }
        }

        /** Never throws: whatever goes wrong is the instance's quarantine reason. */
        FileOutcome processSafely(SourceItem item, ReceivedInstance input) {
            try {
                return process(item.name(), input);
            } catch (RuntimeException | Error e) {
                String detail = "unexpected failure: " + e.getClass().getSimpleName();
                quarantine.place(input, item.name(), QuarantineReason.DEIDENTIFICATION_FAILED, detail);
                return FileOutcome.quarantined(item.name(), Stage.RECEIVED, QuarantineReason.DEIDENTIFICATION_FAILED, detail);
            }
        }

        private FileOutcome process(String rel, ReceivedInstance input) {
            Stage reached = Stage.RECEIVED;
            Path temp = null;
            try {
                InputIntake.Result read = inspect(input);
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

                Optional<Path> placed = outputPath(released);
                if (placed.isEmpty()) {
                    return quarantine(input, rel, reached, QuarantineReason.UNSUPPORTED, "its study, series or "
                            + "instance UID is missing or not a valid UID, so it has no place in the output");
                }
                Path target = placed.get();

                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                // in memory with room in front: this thread's copy, or an input handed over that way
                if (read.pixelsByReference() && read.parsed().inMemory() && read.parsed().offset() >= ReceivedInstance.HEADER_ROOM) {
                    Assembled whole;
                    try {
                        whole = assembleInMemory(list, read, sha, identifiers);
                    } catch (DicomException | RuntimeException e) {
                        return quarantine(input, rel, reached, QuarantineReason.UNSUPPORTED,
                                "cannot write transfer syntax " + read.transferSyntaxUid() + ": " + e.getClass().getSimpleName());
                    }
                    if (!whole.leaks().isEmpty()) {
                        whole.restoreInput();
                        withdrawEarlierCopy(target);
                        return quarantine(input, rel, reached, QuarantineReason.IDENTIFIER_LEAK,
                                "output bytes still contain the value of " + String.join(", ", whole.leaks()));
                    }
                    reached = Stage.VERIFIED;
                    String first;
                    try {
                        temp = writeToWorkFolder(whole.bytes(), whole.start(), whole.length());
                        first = release(temp, target, rel);
                    } catch (IOException | RuntimeException e) {
                        whole.restoreInput();
                        throw e;
                    }
                    if (first != null) {
                        // the input goes to the quarantine as received; a released one is not needed again
                        whole.restoreInput();
                        return quarantine(input, rel, reached, QuarantineReason.DUPLICATE_INSTANCE,
                                "same SOP Instance UID as " + first);
                    }
                    temp = null;
                    return FileOutcome.written(rel, settings.output().relativize(target).toString().replace('\\', '/'),
                            HexFormat.of().formatHex(sha.digest()), whole.length());
                }

                temp = Files.createTempFile(workFolder(), "out", ".dcm");
                List<String> leaks;
                try {
                    leaks = read.pixelsByReference()
                            ? writeWithOriginalPixels(list, read, input, temp, sha, identifiers)
                            : writeWhole(list, read, temp, sha, identifiers);
                } catch (DicomException | RuntimeException e) {
                    return quarantine(input, rel, reached, QuarantineReason.UNSUPPORTED,
                            "cannot write transfer syntax " + read.transferSyntaxUid() + ": " + e.getClass().getSimpleName());
                }
                if (!leaks.isEmpty()) {
                    withdrawEarlierCopy(target);
                    return quarantine(input, rel, reached, QuarantineReason.IDENTIFIER_LEAK,
                            "output bytes still contain the value of " + String.join(", ", leaks));
                }
                reached = Stage.VERIFIED;
                long bytes = Files.size(temp);
                String first = release(temp, target, rel);
                if (first != null) {
                    return quarantine(input, rel, reached, QuarantineReason.DUPLICATE_INSTANCE,
                            "same SOP Instance UID as " + first);
                }
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

        /**
         * study/series/instance.dcm inside the output, or nothing for UIDs that are not UIDs: a
         * value such as "../x" must never name a folder outside it.
         */
        private Optional<Path> outputPath(DicomDeidentifier.ReleasedInstance released) {
            for (String uid : List.of(released.studyInstanceUid(), released.seriesInstanceUid(), released.sopInstanceUid())) {
                if (uid.length() > 64 || !VALID_UID.matcher(uid).matches()) {
                    return Optional.empty();
                }
            }
            Path target = settings.output().resolve(released.studyInstanceUid())
                    .resolve(released.seriesInstanceUid()).resolve(released.sopInstanceUid() + ".dcm");
            return target.normalize().startsWith(settings.output().normalize()) ? Optional.of(target) : Optional.empty();
        }

        /** Instances up to {@link ReceivedInstance#IN_MEMORY_LIMIT} are read into this thread's buffer whole. */
        private InputIntake.Result inspect(ReceivedInstance input) throws IOException {
            if (!input.inMemory()) {
                return intake.inspect(input.file(), n -> n <= ReceivedInstance.IN_MEMORY_LIMIT ? room(n) : null);
            }
            int length = (int) input.size();
            if (length > ReceivedInstance.IN_MEMORY_LIMIT || input.offset() >= ReceivedInstance.HEADER_ROOM) {
                return intake.inspect(input.data(), input.offset(), length);
            }
            // a copy: the input must stay as received, for the quarantine
            byte[] room = room(length);
            System.arraycopy(input.data(), input.offset(), room, ReceivedInstance.HEADER_ROOM, length);
            return intake.inspect(room, ReceivedInstance.HEADER_ROOM, length);
        }

        /** This thread's buffer, with room for {@code n} bytes after {@link ReceivedInstance#HEADER_ROOM}. */
        private byte[] room(int n) {
            byte[] buf = buffers.get();
            int needed = ReceivedInstance.HEADER_ROOM + Math.max(n, CheckedOutput.CHUNK + 4096);
            if (buf == null || buf.length < needed) {
                buf = new byte[needed];
                buffers.set(buf);
            }
            return buf;
        }

        /**
         * A complete output in {@code bytes[start, start + length)}, hashed and searched.
         * {@code overwritten} holds the input's own bytes the header replaced, if it was put in
         * front of the input's Pixel Data in place.
         */
        private record Assembled(byte[] bytes, int start, int length, List<String> leaks, byte[] overwritten) {
            /** Puts the input back as received, for the quarantine. */
            void restoreInput() {
                if (overwritten != null) {
                    System.arraycopy(overwritten, 0, bytes, start, overwritten.length);
                }
            }
        }

        /**
         * The de-identified header put straight in front of the source's Pixel Data element,
         * which stays where it was read, hashed and searched before anything is written.
         */
        private Assembled assembleInMemory(AttributeList header, InputIntake.Result read, MessageDigest sha,
                SourceIdentifiers identifiers) throws IOException, DicomException {
            ReceivedInstance parsed = read.parsed();
            ByteArrayOutputStream headerBytes = new ByteArrayOutputStream(16 * 1024);
            header.write(headerBytes, read.transferSyntaxUid(), true, true);
            byte[] headerArray = headerBytes.toByteArray();
            int pixelStart = parsed.offset() + (int) read.pixelOffset();
            int pixelBytes = (int) (parsed.size() - read.pixelOffset());
            byte[] buf = parsed.data();
            // this thread's copy may just be overwritten; an input handed over with room in front is kept restorable
            boolean ownCopy = buf == buffers.get();
            int start = pixelStart - headerArray.length;
            if (start < 0) {
                // a header that grew by more than the room in front: put together anew
                byte[] whole = new byte[headerArray.length + pixelBytes];
                System.arraycopy(buf, pixelStart, whole, headerArray.length, pixelBytes);
                buf = whole;
                start = 0;
                ownCopy = true;
            }
            byte[] overwritten = ownCopy ? null : Arrays.copyOfRange(buf, start, start + headerArray.length);
            System.arraycopy(headerArray, 0, buf, start, headerArray.length);
            int length = headerArray.length + pixelBytes;
            sha.update(buf, start, length);
            SourceIdentifiers.Search search = identifiers.newSearch();
            search.scanAll(buf, start, start + length);
            return new Assembled(buf, start, length, search.found(), overwritten);
        }

        /**
         * Bytes already searched are written to the restricted store's work folder, to be renamed
         * into the output, so a reader of the output never sees a partly written file. Written
         * in pieces: one large write of a heap array costs the kernel several times as much.
         */
        private Path writeToWorkFolder(byte[] bytes, int start, int length) throws IOException {
            Path temp = Files.createTempFile(workFolder(), "out", ".dcm");
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                int end = start + length;
                for (int at = start; at < end;) {
                    ByteBuffer piece = ByteBuffer.wrap(bytes, at, Math.min(WRITE_PIECE, end - at));
                    while (piece.hasRemaining()) {
                        at += out.write(piece);
                    }
                }
                return temp;
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
        }

        /**
         * Instances too large for memory: the de-identified header, then the source's Pixel Data
         * element byte for byte, written to the restricted store in one pass that also hashes
         * and searches every byte written.
         */
        private List<String> writeWithOriginalPixels(AttributeList header, InputIntake.Result read, ReceivedInstance input,
                Path temp, MessageDigest sha, SourceIdentifiers identifiers) throws IOException, DicomException {
            ByteArrayOutputStream headerBytes = new ByteArrayOutputStream(16 * 1024);
            header.write(headerBytes, read.transferSyntaxUid(), true, true);
            SourceIdentifiers.Search search = identifiers.newSearch();
            byte[] buf = CheckedOutput.bufferFor(search, buffers.get());
            buffers.set(buf);
            if (input.inMemory()) {
                try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    CheckedOutput checked = new CheckedOutput(search, sha, out, buf);
                    byte[] headerArray = headerBytes.toByteArray();
                    checked.write(headerArray, 0, headerArray.length);
                    checked.write(input.data(), input.offset() + (int) read.pixelOffset(), (int) (input.size() - read.pixelOffset()));
                    return checked.finish();
                }
            }
            try (FileChannel pixels = FileChannel.open(input.file(), StandardOpenOption.READ);
                    FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                long pixelBytes = pixels.size() - read.pixelOffset();
                CheckedOutput checked = new CheckedOutput(search, sha, out, buf);
                byte[] headerArray = headerBytes.toByteArray();
                checked.write(headerArray, 0, headerArray.length);
                checked.copyFrom(pixels, read.pixelOffset(), pixelBytes);
                List<String> leaks = checked.finish();
                if (checked.written() != headerBytes.size() + pixelBytes || pixels.size() != read.pixelOffset() + pixelBytes) {
                    throw new IOException("the source file changed while it was read");
                }
                return leaks;
            }
        }

        /** A data set PixelMed holds whole: written, then read back to hash and search. */
        private List<String> writeWhole(AttributeList list, InputIntake.Result read, Path temp, MessageDigest sha,
                SourceIdentifiers identifiers) throws IOException, DicomException {
            list.write(temp.toFile(), read.transferSyntaxUid(), true, true);
            try (InputStream in = new DigestInputStream(Files.newInputStream(temp), sha)) {
                return identifiers.findIn(in);
            }
        }

        private FileOutcome quarantine(ReceivedInstance input, String rel, Stage reached, QuarantineReason reason, String detail) {
            quarantine.place(input, rel, reason, detail);
            return FileOutcome.quarantined(rel, reached, reason, detail);
        }

        private void moveIntoOutput(Path temp, Path target) throws IOException {
            try {
                moveReplacing(temp, target);
            } catch (NoSuchFileException e) {
                // the first output of its series: its folder is made now, not checked for every file
                Files.createDirectories(target.getParent());
                moveReplacing(temp, target);
            }
            // the work folder is owner-only; released files are read by the project's sandbox
            Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }

        private void moveReplacing(Path temp, Path target) throws IOException {
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                // store and output on different file systems: copy beside the target, then rename
                Path staged = Files.createTempFile(target.getParent(), INCOMING, ".tmp");
                Files.copy(temp, staged, StandardCopyOption.REPLACE_EXISTING);
                Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Files.delete(temp);
            }
        }
    }

    /**
     * Files an earlier run of this journal released that this run does not: the input is gone,
     * now has other UIDs, or is now the duplicate. Only files the journal says it wrote are touched.
     */
    private void removeEarlierOutputsNoLongerReleased(Map<String, ProvisioningJournal.Entry> earlier,
            List<FileOutcome> outcomes) throws IOException {
        java.util.Set<String> released = new java.util.HashSet<>();
        outcomes.stream().filter(FileOutcome::isWritten).forEach(o -> released.add(o.outputPath()));
        Path output = settings.output().normalize();
        for (ProvisioningJournal.Entry e : earlier.values()) {
            String path = e.outcome().outputPath();
            if (e.outcome().isWritten() && path != null && !released.contains(path)) {
                Path stale = output.resolve(path).normalize();
                if (stale.startsWith(output)) {
                    Files.deleteIfExists(stale);
                }
            }
        }
    }

    /** What a run killed between writing and renaming left behind. */
    private void removeLeftoverTemporaryFiles() throws IOException {
        try (Stream<Path> all = Files.walk(settings.output())) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(".tmp") && (name.startsWith(INCOMING) || name.startsWith(MANIFEST_TEMP))) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private void removeUnlistedFiles(List<FileOutcome> outcomes) throws IOException {
        java.util.Set<Path> listed = new java.util.HashSet<>();
        outcomes.stream().filter(FileOutcome::isWritten).forEach(o -> listed.add(settings.output().resolve(o.outputPath())));
        try (Stream<Path> all = Files.walk(settings.output())) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                if (p.equals(settings.output())) {
                    continue;
                }
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    try (Stream<Path> inside = Files.list(p)) {
                        if (inside.findAny().isEmpty()) {
                            Files.delete(p);
                        }
                    }
                } else if (!listed.contains(p)) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // inside the restricted store's work folder, removed with it at the end of the run
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String shorten(String s) {
        return s.length() > 200 ? s.substring(0, 200) : s;
    }
}

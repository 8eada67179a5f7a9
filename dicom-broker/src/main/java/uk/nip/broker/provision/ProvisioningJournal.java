package uk.nip.broker.provision;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.nip.broker.deid.RestrictedStore;

/**
 * The ledger of one provisioning run, so a run that was killed resumes where it stopped and a
 * repeated run does not redo finished work. One JSON line per finished instance, appended and
 * flushed after the instance's output was renamed into place (or it was quarantined), so a
 * line never claims a file that is not there. A kill between rename and line only means the
 * instance is done again, to the same name with the same bytes.
 *
 * <p>Kept in the restricted store (it names source files) under a key made of everything that
 * decides the output: source, output folder, dataset, options and broker version. A file lock
 * keeps two runs of the same key from interleaving.
 */
final class ProvisioningJournal implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final BufferedWriter writer;
    private IOException writeFailure;

    private ProvisioningJournal(Path file, FileChannel lockChannel, FileLock lock, BufferedWriter writer) {
        this.file = file;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.writer = writer;
    }

    /** The run key: a hash of what decides the run's output, so a changed setting starts a fresh ledger. */
    static String key(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                sha.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ProvisioningJournal open(Path folder, String key) throws IOException {
        RestrictedStore.ensureOwnerOnlyDirectory(folder);
        Path file = folder.resolve(key + ".journal");
        FileChannel channel = FileChannel.open(folder.resolve(key + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        RestrictedStore.makeOwnerOnlyFile(folder.resolve(key + ".lock"));
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("the same provisioning run is already in progress in another process");
        }
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), StandardCharsets.UTF_8));
        RestrictedStore.makeOwnerOnlyFile(file);
        return new ProvisioningJournal(file, channel, lock, writer);
    }

    /** One finished instance, as recorded. */
    record Entry(String fingerprint, FileOutcome outcome) {
    }

    /** The last entry per item; a line cut short by a kill is ignored. */
    Map<String, Entry> read() throws IOException {
        Map<String, Entry> entries = new HashMap<>();
        if (!Files.exists(file)) {
            return entries;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            try {
                JsonNode n = JSON.readTree(line);
                if (n == null || !n.hasNonNull("item") || !n.hasNonNull("reached")) {
                    continue;
                }
                String item = n.get("item").asText();
                Stage reached = Stage.valueOf(n.get("reached").asText());
                FileOutcome o = n.hasNonNull("output")
                        ? FileOutcome.written(item, n.get("output").asText(), n.path("sha256").asText(), n.path("bytes").asLong())
                        : FileOutcome.quarantined(item, reached, QuarantineReason.fromCode(n.path("reason").asText()),
                                n.path("detail").asText(null));
                entries.put(item, new Entry(n.path("fingerprint").asText(""), o));
            } catch (IOException | IllegalArgumentException | NullPointerException damaged) {
                // an incomplete last line from a killed run: that instance is simply done again
            }
        }
        return entries;
    }

    /** Appends and flushes; a failure is kept and reported when the run ends. */
    synchronized void record(SourceItem item, FileOutcome o) {
        if (writeFailure != null) {
            return;
        }
        // written by hand, not by the object mapper: one line per instance, and a cold command line
        // would spend more on compiling the mapper's generic code than on the lines
        StringBuilder line = new StringBuilder(256);
        field(line.append('{'), "item", item.name());
        field(line.append(','), "fingerprint", item.fingerprint());
        field(line.append(','), "reached", o.reached().name());
        if (o.isWritten()) {
            field(line.append(','), "output", o.outputPath());
            field(line.append(','), "sha256", o.sha256());
            line.append(",\"bytes\":").append(o.bytes());
        } else {
            field(line.append(','), "reason", o.reason().code());
            field(line.append(','), "detail", o.detail());
        }
        line.append("}\n");
        try {
            writer.write(line.toString());
            writer.flush();
        } catch (IOException e) {
            writeFailure = e;
        }
    }

    /** {@code "name":value} with the value as a JSON string (RFC 8259 escapes), or null. */
    static void field(StringBuilder out, String name, String value) {
        out.append('"').append(name).append("\":");
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    void checkWritten() throws IOException {
        if (writeFailure != null) {
            throw new IOException("cannot write the provisioning journal: " + writeFailure.getMessage(), writeFailure);
        }
    }

    /** Whether an earlier output is still exactly what the journal says was written. */
    static boolean stillIntact(Path output, FileOutcome o) {
        Path f = output.resolve(o.outputPath()).normalize();
        if (!f.startsWith(output)) {
            return false;
        }
        try {
            if (!Files.isRegularFile(f) || Files.size(f) != o.bytes()) {
                return false;
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(f), sha)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(sha.digest()).equals(o.sha256());
        } catch (IOException | NoSuchAlgorithmException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            writer.close();
        } finally {
            lock.release();
            lockChannel.close();
        }
    }
}

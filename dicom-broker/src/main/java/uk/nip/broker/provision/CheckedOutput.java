package uk.nip.broker.provision;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.List;

import uk.nip.broker.deid.SourceIdentifiers;

/**
 * Writes an output file in one pass over its bytes: each buffer is hashed, written and
 * searched for the source's identifiers while it is in memory, so nothing is read back.
 * The buffer is the caller's (one per thread), filled straight from the input where the
 * bytes are copied unchanged.
 */
final class CheckedOutput {

    static final int CHUNK = 1 << 20;

    private final SourceIdentifiers.Search search;
    private final MessageDigest sha;
    private final FileChannel out;
    private final byte[] buf;
    /** Bytes at the front of {@code buf} already hashed and written, kept for the search. */
    private int carried;
    /** End of the bytes in {@code buf}; those after {@code carried} are not yet hashed or written. */
    private int filled;
    private long written;

    CheckedOutput(SourceIdentifiers.Search search, MessageDigest sha, FileChannel out, byte[] buf) {
        if (buf.length < CHUNK + search.carryRoom()) {
            throw new IllegalArgumentException("buffer too small");
        }
        this.search = search;
        this.sha = sha;
        this.out = out;
        this.buf = buf;
    }

    /** A buffer large enough for any search, reused by one thread. */
    static byte[] bufferFor(SourceIdentifiers.Search search, byte[] current) {
        int needed = CHUNK + search.carryRoom();
        return current != null && current.length >= needed ? current : new byte[Math.max(needed, CHUNK + 256)];
    }

    void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, buf.length - filled);
            System.arraycopy(b, off, buf, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == buf.length) {
                process(false);
            }
        }
    }

    /** Appends {@code count} bytes of {@code in} from {@code position}; fails if the file is shorter. */
    void copyFrom(FileChannel in, long position, long count) throws IOException {
        while (count > 0) {
            ByteBuffer room = ByteBuffer.wrap(buf, filled, (int) Math.min(count, buf.length - filled));
            int n = in.read(room, position);
            if (n < 0) {
                throw new IOException("the source file changed while it was read");
            }
            filled += n;
            position += n;
            count -= n;
            if (filled == buf.length) {
                process(false);
            }
        }
    }

    /** Hashes, writes and searches what is left; returns the keywords of the identifiers found. */
    List<String> finish() throws IOException {
        process(true);
        return search.found();
    }

    long written() {
        return written;
    }

    private void process(boolean last) throws IOException {
        int n = filled - carried;
        if (n > 0) {
            sha.update(buf, carried, n);
            for (int at = carried; at < filled;) {
                ByteBuffer piece = ByteBuffer.wrap(buf, at, Math.min(DeidentificationRun.WRITE_PIECE, filled - at));
                while (piece.hasRemaining()) {
                    at += out.write(piece);
                }
            }
            written += n;
        }
        carried = search.scan(buf, filled, last);
        filled = carried;
    }
}

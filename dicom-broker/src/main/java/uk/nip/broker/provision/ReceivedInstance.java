package uk.nip.broker.provision;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bytes of one instance handed to a run: a file (a folder source, or a large retrieved
 * instance in the restricted store's work folder), or memory (an instance retrieved over the
 * network, so it is not written to disk and read back before de-identification).
 */
public final class ReceivedInstance {

    /**
     * Free bytes an archive may leave in front of an instance it hands over in memory: the
     * de-identified header is then put straight before the Pixel Data, which is not copied.
     */
    public static final int HEADER_ROOM = 64 * 1024;

    /**
     * Instances up to this size are held in memory, by an archive that retrieves them and by a
     * run that de-identifies them (one buffer per thread); larger ones go through files.
     */
    public static final int IN_MEMORY_LIMIT = 32 << 20;

    private final Path file;
    private final byte[] data;
    private final int offset;
    private final int length;

    private ReceivedInstance(Path file, byte[] data, int offset, int length) {
        this.file = file;
        this.data = data;
        this.offset = offset;
        this.length = length;
    }

    public static ReceivedInstance file(Path file) {
        return new ReceivedInstance(file, null, 0, 0);
    }

    /** {@code data[0, length)}; the caller gives up the array. */
    public static ReceivedInstance inMemory(byte[] data, int length) {
        return inMemory(data, 0, length);
    }

    /** {@code data[offset, offset + length)}; the caller gives up the array. */
    public static ReceivedInstance inMemory(byte[] data, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IllegalArgumentException("bytes outside the array");
        }
        return new ReceivedInstance(null, data, offset, length);
    }

    /** The file, or null when the bytes are in memory. */
    Path file() {
        return file;
    }

    boolean inMemory() {
        return data != null;
    }

    byte[] data() {
        return data;
    }

    /** Where the instance starts in {@link #data()}. */
    int offset() {
        return offset;
    }

    long size() throws IOException {
        return data != null ? length : Files.size(file);
    }

    InputStream open() throws IOException {
        return data != null ? new ByteArrayInputStream(data, offset, length) : Files.newInputStream(file);
    }

    SeekableByteChannel channel() throws IOException {
        return data != null ? new MemoryChannel(data, offset, length) : Files.newByteChannel(file);
    }

    /** A read-only channel over an array. */
    private static final class MemoryChannel implements SeekableByteChannel {
        private final byte[] data;
        private final int offset;
        private final int length;
        private long position;
        private boolean open = true;

        MemoryChannel(byte[] data, int offset, int length) {
            this.data = data;
            this.offset = offset;
            this.length = length;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), length - position);
            dst.put(data, offset + (int) position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            if (newPosition < 0) {
                throw new IllegalArgumentException("negative position");
            }
            position = newPosition;
            return this;
        }

        @Override
        public long size() {
            return length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}

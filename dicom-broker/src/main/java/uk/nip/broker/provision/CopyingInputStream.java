package uk.nip.broker.provision;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Writes every byte read through it to an output, so one pass can copy, hash and search. */
final class CopyingInputStream extends FilterInputStream {

    private final OutputStream copy;
    private long copied;

    CopyingInputStream(InputStream in, OutputStream copy) {
        super(in);
        this.copy = copy;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            copy.write(b);
            copied++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            copy.write(b, off, n);
            copied += n;
        }
        return n;
    }

    @Override
    public long skip(long n) {
        // skipping would leave a gap in the copy
        return 0;
    }

    long copied() {
        return copied;
    }
}

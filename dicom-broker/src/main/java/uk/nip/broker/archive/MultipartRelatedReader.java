package uk.nip.broker.archive;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the parts of a {@code multipart/related} body (RFC 2387, as WADO-RS sends it) one at a
 * time, straight from the stream: a series of large images never has to fit in memory. A part
 * with a Content-Length is copied by length; otherwise up to the next boundary.
 */
public final class MultipartRelatedReader {

    private static final Pattern BOUNDARY = Pattern.compile("(?i)(?:^|;)\\s*boundary\\s*=\\s*(\"([^\"]*)\"|[^;\\s]+)");
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf = new byte[256 * 1024];
    private int start;
    private int end;
    private boolean finished;
    private boolean bodyPending;
    private Map<String, String> pendingHeaders;

    public MultipartRelatedReader(InputStream in, String boundary) throws IOException {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        skipPreamble(("--" + boundary).getBytes(StandardCharsets.US_ASCII));
    }

    /** A sink that reads a body of known length from the stream itself, into its own memory. */
    public interface DirectSink {
        /** Reads exactly {@code n} bytes from {@code in}; false, having read nothing, to be written to instead. */
        boolean readFrom(InputStream in, long n) throws IOException;
    }

    /** The boundary parameter of a Content-Type header value. */
    public static String boundaryOf(String contentType) {
        Matcher m = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (!m.find()) {
            throw new IllegalArgumentException("response is not multipart: no boundary in Content-Type '" + contentType + "'");
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    /** Reads the next part's headers (names lower-cased); null when the closing boundary has been read. */
    public Map<String, String> nextPart() throws IOException {
        if (bodyPending) {
            copyBody(OutputStream.nullOutputStream());
        }
        if (finished) {
            return null;
        }
        pendingHeaders = readHeaders();
        bodyPending = true;
        return pendingHeaders;
    }

    /** Copies the body of the part whose headers {@link #nextPart()} just returned. */
    public void copyBody(OutputStream sink) throws IOException {
        if (!bodyPending) {
            throw new IllegalStateException("no part to copy: call nextPart() first");
        }
        bodyPending = false;
        String length = pendingHeaders.get("content-length");
        if (length != null && length.trim().matches("\\d{1,18}")) {
            copyExactly(Long.parseLong(length.trim()), sink);
            expect(delimiter);
        } else {
            copyUntilDelimiter(sink);
        }
        afterDelimiter();
    }

    private void skipPreamble(byte[] first) throws IOException {
        // the first boundary may start the body directly, without the CRLF of later ones
        fill(first.length);
        if (end - start >= first.length && regionMatches(start, first)) {
            start += first.length;
        } else {
            copyUntilDelimiter(OutputStream.nullOutputStream());
        }
        afterDelimiter();
    }

    /** After a boundary: "--" closes the body, CRLF opens the next part (transport padding allowed). */
    private void afterDelimiter() throws IOException {
        fill(2);
        if (end - start >= 2 && buf[start] == '-' && buf[start + 1] == '-') {
            finished = true;
            return;
        }
        while (true) {
            fill(1);
            if (start >= end) {
                throw new EOFException("multipart body ends after a boundary");
            }
            byte b = buf[start++];
            if (b == '\n') {
                return;
            }
            if (b != '\r' && b != ' ' && b != '\t') {
                throw new IOException("malformed multipart boundary line");
            }
        }
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int total = 0;
        while (true) {
            fill(1);
            if (start >= end) {
                throw new EOFException("multipart body ends inside part headers");
            }
            byte b = buf[start++];
            if (++total > MAX_HEADER_BYTES) {
                throw new IOException("multipart part headers longer than " + MAX_HEADER_BYTES + " bytes");
            }
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1).strip();
            line.reset();
            if (text.isEmpty()) {
                return headers;
            }
            int colon = text.indexOf(':');
            if (colon > 0) {
                headers.put(text.substring(0, colon).trim().toLowerCase(Locale.ROOT), text.substring(colon + 1).trim());
            }
        }
    }

    private void copyExactly(long n, OutputStream sink) throws IOException {
        while (n > 0) {
            if (start == end) {
                fill(1);
                if (start == end) {
                    throw new EOFException("multipart part shorter than its Content-Length");
                }
            }
            int k = (int) Math.min(n, end - start);
            sink.write(buf, start, k);
            start += k;
            n -= k;
            // the rest need not pass through this reader's buffer
            if (n > 0 && start == end && sink instanceof DirectSink direct && direct.readFrom(in, n)) {
                return;
            }
        }
    }

    private void expect(byte[] bytes) throws IOException {
        fill(bytes.length);
        if (end - start < bytes.length || !regionMatches(start, bytes)) {
            throw new IOException("multipart part is not followed by its boundary");
        }
        start += bytes.length;
    }

    private void copyUntilDelimiter(OutputStream sink) throws IOException {
        while (true) {
            fill(delimiter.length);
            int found = indexOfDelimiter();
            if (found >= 0) {
                sink.write(buf, start, found - start);
                start = found + delimiter.length;
                return;
            }
            if (end - start < delimiter.length) {
                throw new EOFException("multipart body ends without a closing boundary");
            }
            // everything except a tail that could be the start of the delimiter is part content
            int safe = end - delimiter.length + 1;
            sink.write(buf, start, safe - start);
            start = safe;
            compact();
            if (!readMore()) {
                throw new EOFException("multipart body ends without a closing boundary");
            }
        }
    }

    private int indexOfDelimiter() {
        byte first = delimiter[0];
        for (int i = start; i <= end - delimiter.length; i++) {
            if (buf[i] == first && regionMatches(i, delimiter)) {
                return i;
            }
        }
        return -1;
    }

    private boolean regionMatches(int at, byte[] p) {
        for (int j = 0; j < p.length; j++) {
            if (buf[at + j] != p[j]) {
                return false;
            }
        }
        return true;
    }

    /** Makes at least {@code n} bytes available unless the stream ends first. */
    private void fill(int n) throws IOException {
        if (end - start >= n) {
            return;
        }
        compact();
        while (end - start < n && readMore()) {
            // keep reading
        }
    }

    private void compact() {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
        }
    }

    private boolean readMore() throws IOException {
        if (end == buf.length) {
            return true;
        }
        int r = in.read(buf, end, buf.length - end);
        if (r < 0) {
            return false;
        }
        end += r;
        return true;
    }
}

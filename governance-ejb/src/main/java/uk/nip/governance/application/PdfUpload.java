package uk.nip.governance.application;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/** The checks an uploaded supporting document must pass, each refusal saying exactly what is wrong. */
public final class PdfUpload {

    public static final long MAX_BYTES = 20L * 1024 * 1024;
    static final String FIELD = "document";
    private static final byte[] MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    private PdfUpload() {
    }

    /**
     * Refuses an upload that is empty, too big or not a PDF. {@code content} may hold one byte more
     * than the limit: callers stop reading there, so an oversized upload is never held whole.
     */
    public static void check(String filename, byte[] content) {
        String name = safeName(filename);
        if (content == null || content.length == 0) {
            throw refused("'" + name + "' is empty: the upload contained no bytes.");
        }
        if (content.length > MAX_BYTES) {
            throw refused("'" + name + "' is larger than the " + MAX_BYTES / (1024 * 1024)
                    + " MB limit for a supporting document.");
        }
        if (content.length < MAGIC.length || !Arrays.equals(content, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw refused("'" + name + "' is not a PDF: a PDF file starts with %PDF-. Save the document as PDF"
                    + " and upload it again.");
        }
    }

    /** The last path segment, without control characters, so it is safe in headers and pages. */
    public static String safeName(String filename) {
        String name = filename == null ? "" : filename.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (name.isEmpty()) {
            name = "document.pdf";
        }
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }

    private static ValidationException refused(String message) {
        return new ValidationException(Map.of(FIELD, message));
    }
}

package uk.nip.broker.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MultipartRelatedReaderTest {

    private static final String BOUNDARY = "b0undary-42";

    /** Hands out at most a few bytes per read, as a slow network does. */
    private static InputStream trickle(byte[] body) {
        return new FilterInputStream(new ByteArrayInputStream(body)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 7));
            }
        };
    }

    private static List<byte[]> readAll(InputStream in, List<Map<String, String>> headers) throws IOException {
        MultipartRelatedReader r = new MultipartRelatedReader(in, BOUNDARY);
        List<byte[]> parts = new ArrayList<>();
        for (Map<String, String> h = r.nextPart(); h != null; h = r.nextPart()) {
            headers.add(h);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            r.copyBody(out);
            parts.add(out.toByteArray());
        }
        assertNull(r.nextPart());
        return parts;
    }

    @Test
    void readsPartsWithAndWithoutContentLengthEvenWhenTheyContainBoundaryLikeBytes() throws Exception {
        byte[] tricky = ("almost a delimiter: \r\n--b0undary-4 and --" + BOUNDARY + " without CRLF").getBytes(StandardCharsets.US_ASCII);
        byte[] big = new byte[700_000];
        new Random(5).nextBytes(big);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write("preamble to ignore\r\n--".getBytes(StandardCharsets.US_ASCII));
        body.write(BOUNDARY.getBytes(StandardCharsets.US_ASCII));
        body.write(("\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(tricky);
        body.write(("\r\n--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\nContent-Length: " + big.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(big);
        body.write(("\r\n--" + BOUNDARY + "\r\ncontent-type: application/dicom\r\n\r\n\r\n--" + BOUNDARY + "--\r\n")
                .getBytes(StandardCharsets.US_ASCII));

        List<Map<String, String>> headers = new ArrayList<>();
        List<byte[]> parts = readAll(trickle(body.toByteArray()), headers);
        assertEquals(3, parts.size());
        assertArrayEquals(tricky, parts.get(0));
        assertArrayEquals(big, parts.get(1));
        assertEquals(0, parts.get(2).length);
        headers.forEach(h -> assertEquals("application/dicom", h.get("content-type")));
    }

    @Test
    void aSkippedBodyIsConsumedAndATruncatedResponseIsAnError() throws Exception {
        String body = "--" + BOUNDARY + "\r\n\r\nfirst\r\n--" + BOUNDARY + "\r\n\r\nsecond\r\n--" + BOUNDARY + "--";
        MultipartRelatedReader r = new MultipartRelatedReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)), BOUNDARY);
        r.nextPart();
        r.nextPart();
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        r.copyBody(second);
        assertEquals("second", second.toString(StandardCharsets.US_ASCII));
        assertNull(r.nextPart());

        String cut = "--" + BOUNDARY + "\r\n\r\nno closing boundary";
        MultipartRelatedReader broken = new MultipartRelatedReader(new ByteArrayInputStream(cut.getBytes(StandardCharsets.US_ASCII)), BOUNDARY);
        broken.nextPart();
        assertThrows(IOException.class, () -> broken.copyBody(new ByteArrayOutputStream()));
    }

    @Test
    void theBoundaryComesFromTheContentTypeQuotedOrNot() {
        assertEquals("abc", MultipartRelatedReader.boundaryOf("multipart/related; type=\"application/dicom\"; boundary=abc"));
        assertEquals("a b;c", MultipartRelatedReader.boundaryOf("multipart/related; boundary=\"a b;c\"; type=\"application/dicom\""));
        assertThrows(IllegalArgumentException.class, () -> MultipartRelatedReader.boundaryOf("application/json"));
    }
}

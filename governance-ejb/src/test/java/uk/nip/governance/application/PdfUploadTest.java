package uk.nip.governance.application;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PdfUploadTest {

    private static final byte[] PDF = "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    private static String refusal(String name, byte[] content) {
        ValidationException e = assertThrows(ValidationException.class, () -> PdfUpload.check(name, content));
        return e.problems().get("document");
    }

    @Test
    void aPdfWithinTheLimitIsAccepted() {
        assertDoesNotThrow(() -> PdfUpload.check("protocol.pdf", PDF));
    }

    @Test
    void anEmptyUploadIsRefusedAsEmpty() {
        assertTrue(refusal("ethics.pdf", new byte[0]).contains("is empty"));
    }

    @Test
    void aFileThatDoesNotStartWithThePdfMagicIsRefusedAsNotAPdf() {
        String message = refusal("letter.docx", "PK\u0003\u0004 word".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(message.contains("'letter.docx' is not a PDF"), message);
        assertTrue(refusal("tiny.pdf", "%PD".getBytes(StandardCharsets.US_ASCII)).contains("not a PDF"));
    }

    @Test
    void aFileOverTwentyMegabytesIsRefusedNamingTheLimit() {
        byte[] big = Arrays.copyOf(PDF, (int) PdfUpload.MAX_BYTES + 1);
        assertTrue(refusal("scan.pdf", big).contains("larger than the 20 MB limit"));
        assertDoesNotThrow(() -> PdfUpload.check("scan.pdf", Arrays.copyOf(PDF, (int) PdfUpload.MAX_BYTES)));
    }

    @Test
    void theStoredNameIsTheLastPathSegmentWithoutControlCharacters() {
        assertEquals("protocol.pdf", PdfUpload.safeName("C:\\Users\\me\\protocol.pdf"));
        assertEquals("a.pdf", PdfUpload.safeName("../../a.pdf"));
        assertEquals("evil.pdf", PdfUpload.safeName("evil\r\n\".pdf"));
        assertEquals("document.pdf", PdfUpload.safeName(null));
    }
}

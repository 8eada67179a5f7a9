package uk.nip.governance.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LettersTest {

    @Test
    void aLetterSaysWhatHappenedWhatToDoAndWhere() {
        String body = Letters.body("Rhea Searle", "NIP-2026-0007", "Nodule detection", "It was approved.",
                "sign the agreement.", "http://portal.example/agreements/");
        assertTrue(body.startsWith("Dear Rhea Searle,\n\nIt was approved.\n"), body);
        assertTrue(body.contains("Application: NIP-2026-0007 \"Nodule detection\""), body);
        assertTrue(body.contains("What to do next: sign the agreement."), body);
        assertTrue(body.contains("Open the portal: http://portal.example/agreements/"), body);
        assertTrue(body.contains("holds no\npatient data"), body);
    }

    @Test
    void aLetterWithoutANameOrTitleStillReads() {
        String body = Letters.body(" ", "NIP-2026-0008", null, "Happened.", "nothing.", "http://x");
        assertTrue(body.startsWith("Dear colleague,"), body);
        assertTrue(body.contains("Application: NIP-2026-0008\n"), body);
    }

    @Test
    void theSubjectNamesTheApplicationFirst() {
        assertEquals("NIP-2026-0007: access revoked", Letters.subject("NIP-2026-0007", "access revoked"));
    }

    @Test
    void thePortalAddressDefaultsToTheLocalServerAndLosesItsTrailingSlash() {
        assertEquals("http://localhost:8080", Letters.portalUrl(null));
        assertEquals("http://localhost:8080", Letters.portalUrl(" "));
        assertEquals("https://imaging.nip.example", Letters.portalUrl("https://imaging.nip.example/"));
    }
}

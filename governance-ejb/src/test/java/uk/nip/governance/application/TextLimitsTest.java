package uk.nip.governance.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Typed text over its limit is refused by field; text the system puts together is cut to fit, visibly. */
class TextLimitsTest {

    @Test
    void textThePlatformPutsTogetherIsCutToTheColumnAndMarked() {
        // the activation reason names every collection with its manifest: about 100 characters each
        String reason = "9999 de-identified files provisioned" + "; collection: 24 files, manifest abc".repeat(200);
        String fitted = TextLimits.fitted(reason, TextLimits.EVENT_REASON);
        assertEquals(TextLimits.EVENT_REASON, fitted.length());
        assertTrue(fitted.endsWith("…"));
        assertTrue(reason.startsWith(fitted.substring(0, fitted.length() - 1)));
        String shortReason = "24 de-identified files provisioned";
        assertSame(shortReason, TextLimits.fitted(shortReason, TextLimits.EVENT_REASON));
        assertNull(TextLimits.fitted(null, TextLimits.EVENT_REASON));
    }

    @Test
    void typedTextOverItsLimitIsRefusedByField() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> TextLimits.require("reason", "r".repeat(3801), TextLimits.AFTER_A_SUMMARY));
        assertEquals("Keep this to 3800 characters; it has 3801.", e.problems().get("reason"));
    }
}

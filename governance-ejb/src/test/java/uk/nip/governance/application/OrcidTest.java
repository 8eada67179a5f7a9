package uk.nip.governance.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OrcidTest {

    @Test
    void publishedExampleIdsPassTheIso7064Mod112Check() {
        assertTrue(Orcid.isValid("0000-0002-1825-0097"));
        assertTrue(Orcid.isValid("0000-0001-5109-3700"));
        assertTrue(Orcid.isValid("0000-0002-1694-233X"), "a check character of 10 is written X");
    }

    @Test
    void aMistypedDigitFailsTheChecksum() {
        assertTrue(Orcid.hasValidFormat("0000-0002-1825-0098"));
        assertFalse(Orcid.isValid("0000-0002-1825-0098"));
        assertFalse(Orcid.isValid("0000-0002-1825-0079"), "swapped digits");
    }

    @Test
    void anythingButFourGroupsOfFourIsNotAnOrcid() {
        for (String wrong : new String[] {"", "0000000218250097", "0000-0002-1825-009", "0000-0002-1825-00X7",
            "orcid", "0000-0002-1825-0097-1"}) {
            assertFalse(Orcid.hasValidFormat(wrong), wrong);
            assertFalse(Orcid.isValid(wrong), wrong);
        }
        assertFalse(Orcid.isValid(null));
    }

    @Test
    void theProfileAddressAndALowerCaseXAreAccepted() {
        assertEquals("0000-0002-1825-0097", Orcid.normalise(" https://orcid.org/0000-0002-1825-0097 "));
        assertTrue(Orcid.isValid("https://orcid.org/0000-0002-1825-0097"));
        assertTrue(Orcid.isValid("0000-0002-1694-233x"));
    }
}

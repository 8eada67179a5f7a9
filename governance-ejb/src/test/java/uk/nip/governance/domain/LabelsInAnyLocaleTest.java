package uk.nip.governance.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.nip.governance.committee.VoteChoice;

/** Labels the register and the pages show do not depend on the server's language (Turkish has a dotless i). */
class LabelsInAnyLocaleTest {

    private final Locale before = Locale.getDefault();

    @AfterEach
    void restore() {
        Locale.setDefault(before);
    }

    @Test
    void labelsAreTheSameOnATurkishServer() {
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
        assertEquals("Active", ApplicationState.ACTIVE.label());
        assertEquals("Expired", ApplicationState.EXPIRED.label());
        assertEquals("request clarification", ApplicationAction.REQUEST_CLARIFICATION.label());
        assertEquals("Abstain", VoteChoice.ABSTAIN.label());
    }
}

package uk.nip.governance.agreement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgreementTemplateTest {

    @Test
    void thePublishedLibraryHasEveryMandatoryClauseFlaggedMandatory() {
        List<Clause> seeded = ClauseLibrary.seeded();
        assertEquals(List.of(), MandatoryClauses.missingFrom(seeded));
        for (Clause c : seeded) {
            assertEquals(MandatoryClauses.CODES.contains(c.getCode()), c.isMandatory(), c.getCode());
        }
    }

    @Test
    void templateVersionOneIsCompleteAndStatesItsDestructionPeriod() {
        AgreementTemplate t = new AgreementTemplate(1, 30, Instant.EPOCH, ClauseLibrary.seeded());
        assertEquals(t, t.requireComplete());
        Clause revocation = t.getClauses().stream().filter(c -> c.getCode().equals(MandatoryClauses.REVOCATION))
                .findFirst().orElseThrow();
        assertTrue(revocation.getBody().contains(Clause.DESTRUCTION_DAYS));
        assertTrue(revocation.render(30).contains("within 30 days"), revocation.render(30));
        assertFalse(revocation.render(30).contains("{"));
    }

    @Test
    void aTemplateWithoutTheRevocationClauseIsRefusedNamingIt() {
        List<Clause> clauses = new ArrayList<>(ClauseLibrary.seeded());
        clauses.removeIf(c -> c.getCode().equals(MandatoryClauses.REVOCATION));
        var e = assertThrows(MandatoryClauses.IncompleteTemplateException.class,
                () -> new AgreementTemplate(2, 30, Instant.EPOCH, clauses));
        assertTrue(e.getMessage().contains("version 2") && e.getMessage().contains("REVOCATION"), e.getMessage());
    }

    @Test
    void everyMissingMandatoryClauseIsNamed() {
        List<Clause> onlyOptional = ClauseLibrary.seeded().stream().filter(c -> !c.isMandatory()).toList();
        assertEquals(MandatoryClauses.CODES, MandatoryClauses.missingFrom(onlyOptional));
        var e = assertThrows(MandatoryClauses.IncompleteTemplateException.class,
                () -> new AgreementTemplate(3, 30, Instant.EPOCH, onlyOptional));
        for (String code : MandatoryClauses.CODES) {
            assertTrue(e.getMessage().contains(code), e.getMessage());
        }
    }

    @Test
    void aClauseTwiceIsRefused() {
        List<Clause> clauses = new ArrayList<>(ClauseLibrary.seeded());
        clauses.add(clauses.get(0));
        var e = assertThrows(MandatoryClauses.IncompleteTemplateException.class,
                () -> new AgreementTemplate(4, 30, Instant.EPOCH, clauses));
        assertTrue(e.getMessage().contains("more than once"), e.getMessage());
    }

    @Test
    void aDestructionPeriodOfNoDaysIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new AgreementTemplate(5, 0, Instant.EPOCH, ClauseLibrary.seeded()));
    }
}

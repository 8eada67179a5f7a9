package uk.nip.governance.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.nip.governance.catalogue.Dataset;
import uk.nip.governance.catalogue.RestrictionCheck;
import uk.nip.governance.catalogue.RestrictionFlag;

/** An amendment under review is checked against use restrictions as the application would be with it. */
class AmendmentRestrictionsTest {

    private final Dataset chest = new Dataset("demo-chest-ct", "Demo chest CT collection", "Demo General Hospital");
    private final Dataset nonCommercial = new Dataset("nc-mr", "Brain MR", "Demo University Hospitals");
    private final Map<String, Dataset> catalogue = Map.of(chest.getId(), chest, nonCommercial.getId(), nonCommercial);

    private List<RestrictionFlag> flags(RestrictionCheck.Request request) {
        return RestrictionCheck.flags(request, id -> Optional.ofNullable(catalogue.get(id)));
    }

    private Application commercialProject() {
        chest.setDuoCodes("DUO:0000042");
        nonCommercial.setDuoCodes("DUO:0000042,DUO:0000046");
        Application app = new Application("NIP-TEST", "researcher", Instant.now());
        app.fill(SubmissionCheckTest.with(SubmissionCheckTest.complete(), v -> {
            v[5] = true;
            return v;
        }));
        return app;
    }

    @Test
    void aCollectionAnAmendmentAddsIsCheckedBeforeTheCommitteeDecides() {
        Application app = commercialProject();
        Amendment more = new Amendment(1L, 2, AmendmentKind.MORE_DATA, "Brain MR for the comparison arm.", null,
                List.of("nc-mr"), List.of(), "researcher", Instant.now());
        assertEquals(List.of(), flags(RestrictionCheck.Request.of(app)));
        List<RestrictionFlag> amended = flags(RestrictionCheck.Request.of(app, more));
        assertEquals(1, amended.size(), amended.toString());
        assertEquals("nc-mr", amended.get(0).datasetId());
        assertEquals("DUO:0000046", amended.get(0).duoCode());
    }

    @Test
    void anEndDateAnAmendmentMovesIsCheckedAgainstEachCollectionsUseUntil() {
        Application app = commercialProject();
        chest.setDuoCodes("DUO:0000042,DUO:0000025");
        chest.setUseUntil(app.getEndDate().plusMonths(1));
        Amendment longer = new Amendment(1L, 2, AmendmentKind.MORE_TIME, "Recruitment was slow.",
                app.getEndDate().plusYears(1), List.of(), List.of(), "researcher", Instant.now());
        assertEquals(List.of(), flags(RestrictionCheck.Request.of(app)));
        List<RestrictionFlag> amended = flags(RestrictionCheck.Request.of(app, longer));
        assertEquals(1, amended.size(), amended.toString());
        assertTrue(amended.get(0).reason().contains("may be used only until " + chest.getUseUntil()),
                amended.get(0).reason());
    }
}

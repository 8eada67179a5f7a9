package uk.nip.governance.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What a custodian must get right when describing a collection, every problem named by field. */
class CollectionCheckTest {

    static CollectionForm valid() {
        return new CollectionForm("chest-ct-2024", "Chest CT 2024", "Adult chest CT.", "Demo NHS Trust", "ct, MR",
                "CHEST", 120L, 4800L, LocalDate.of(2020, 1, 1), LocalDate.of(2024, 12, 31),
                List.of("DUO:0000042", "NCU"), null, "chest-ct-2024");
    }

    static CollectionForm with(String title, String controller, String modalities, Long patients, Long instances,
            LocalDate from, LocalDate to, List<String> duo, LocalDate useUntil) {
        return new CollectionForm("chest-ct-2024", title, null, controller, modalities, null, patients, instances,
                from, to, duo, useUntil, null);
    }

    @Test
    void aCompleteDescriptionHasNoProblems() {
        assertEquals(Map.of(), CollectionCheck.problems(valid(), true));
    }

    @Test
    void everyProblemIsReportedAtOnceByField() {
        Map<String, String> p = CollectionCheck.problems(new CollectionForm("Bad Id!", " ", null, "", "CT, XRAY, mri",
                "CHEST;HEAD", -1L, -5L, LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 1),
                List.of("DUO:0000042", "DUO:1234567"), null, null), true);
        assertEquals(List.of("id", "title", "dataController", "modalities", "patientCount", "instanceCount", "dateTo",
                "duoCodes"), List.copyOf(p.keySet()));
        assertEquals("Not a DICOM modality code: XRAY, MRI. Use codes such as CT, MR, CR, DX, MG, US, PT, NM, XA, RF"
                + " or OT.", p.get("modalities"));
        assertEquals("The last study date (2024-01-01) is before the first (2024-01-02).", p.get("dateTo"));
        assertTrue(p.get("duoCodes").startsWith("Not a Data Use Ontology term this platform uses: DUO:1234567."),
                p.get("duoCodes"));
    }

    @Test
    void bodyPartsThatWouldNotFitTogetherAndAReservedIdAreRefused() {
        String forty = IntStream.range(0, 40).mapToObj(i -> "BODY_PART_" + i + "_ABCDEFGH")
                .collect(Collectors.joining(","));
        CollectionForm v = valid();
        CollectionForm many = new CollectionForm(v.id(), v.title(), v.description(), v.dataController(), v.modalities(),
                forty, v.patientCount(), v.instanceCount(), v.dateFrom(), v.dateTo(), v.duoCodes(), v.useUntil(),
                v.archiveLocation());
        assertTrue(CollectionCheck.problems(many, false).get("bodyParts").contains("the limit is 255"),
                CollectionCheck.problems(many, false).toString());
        CollectionForm reserved = new CollectionForm("duo-codes", v.title(), v.description(), v.dataController(),
                v.modalities(), v.bodyParts(), v.patientCount(), v.instanceCount(), v.dateFrom(), v.dateTo(),
                v.duoCodes(), v.useUntil(), v.archiveLocation());
        assertTrue(CollectionCheck.problems(reserved, true).get("id").contains("part of the catalogue's API"));
    }

    @Test
    void theIdIsCheckedOnlyWhenAdding() {
        CollectionForm f = new CollectionForm(null, "T", null, "C", null, null, null, null, null, null, null, null,
                null);
        assertEquals(Map.of("id", "Give the collection a short permanent id such as 'chest-ct-2024'."),
                CollectionCheck.problems(f, true));
        assertEquals(Map.of(), CollectionCheck.problems(f, false));
    }

    @Test
    void emptyCountsAndDatesAreAllowedAndZeroIsACount() {
        assertEquals(Map.of(), CollectionCheck.problems(with("T", "C", null, null, null, null, null, null, null), false));
        assertEquals(Map.of(), CollectionCheck.problems(with("T", "C", "OT", 0L, 0L, LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 1, 1), List.of(), null), false));
    }

    @Test
    void aTimeLimitNeedsAUseUntilDateAndADateNeedsTheTimeLimit() {
        assertEquals(Map.of("useUntil", "The collection has a time limit on use (DUO:0000025): say until when it may"
                + " be used."), CollectionCheck.problems(with("T", "C", null, null, null, null, null,
                List.of("DUO:0000025"), null), false));
        assertEquals(Map.of("useUntil", "A use-until date needs the restriction 'time limit on use' (DUO:0000025) as"
                + " well."), CollectionCheck.problems(with("T", "C", null, null, null, null, null, List.of(),
                LocalDate.of(2030, 1, 1)), false));
        assertEquals(Map.of(), CollectionCheck.problems(with("T", "C", null, null, null, null, null, List.of("TS"),
                LocalDate.of(2030, 1, 1)), false));
    }

    @Test
    void everyDuoTermIsKnownByCurieShorthandAndUnderscoreForm() {
        for (DuoCode d : DuoCode.values()) {
            assertEquals(d, DuoCode.of(d.curie()).orElseThrow());
            assertEquals(d, DuoCode.of(d.shorthand().toLowerCase()).orElseThrow());
            assertEquals(d, DuoCode.of(d.curie().replace(':', '_')).orElseThrow());
        }
        assertEquals("DUO:0000046 non-commercial use only", DuoCode.NON_COMMERCIAL_USE_ONLY.describe());
        assertTrue(DuoCode.of("DUO:0000001").isEmpty());
    }

    @Test
    void savingNormalisesCodesAndStoresCuries() {
        Dataset d = new Dataset("chest-ct-2024", "x", "y");
        d.fill(valid());
        assertEquals("CT,MR", d.getModalities());
        assertEquals("DUO:0000042,DUO:0000046", d.getDuoCodes());
        assertEquals(List.of(DuoCode.GENERAL_RESEARCH_USE, DuoCode.NON_COMMERCIAL_USE_ONLY), d.restrictions());
    }

    @Test
    void anAuditedChangeListsOnlyWhatChangedWithBeforeAndAfter() {
        Dataset d = new Dataset("chest-ct-2024", "x", "y");
        d.fill(valid());
        Map<String, String> before = d.summary();
        d.fill(new CollectionForm(null, "Chest CT 2020-2024", "Adult chest CT.", "Demo NHS Trust", "CT,MR", "CHEST",
                120L, 4800L, LocalDate.of(2020, 1, 1), LocalDate.of(2024, 12, 31), List.of("DUO:0000042"), null,
                "chest-ct-2024"));
        assertEquals("title: 'Chest CT 2024' -> 'Chest CT 2020-2024'; duoCodes: 'DUO:0000042,DUO:0000046' ->"
                + " 'DUO:0000042'", Catalogue.changes(before, d.summary()));
    }
}

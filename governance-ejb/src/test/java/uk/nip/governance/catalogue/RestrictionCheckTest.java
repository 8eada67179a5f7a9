package uk.nip.governance.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.nip.governance.application.PurposeCategory;
import uk.nip.governance.application.Sector;

/** Which answers of an application conflict with which use restrictions, and how the committee is told. */
class RestrictionCheckTest {

    static final LocalDate END = LocalDate.of(2028, 6, 30);

    /** An academic, non-commercial research project with ethics approval for its whole duration. */
    static RestrictionCheck.Request harmless(String... datasets) {
        return new RestrictionCheck.Request(false, PurposeCategory.RESEARCH, Sector.ACADEMIC,
                "University of Exampleton", "IRAS 123456", END.plusMonths(6), END, List.of(datasets));
    }

    static Dataset collection(String id, String title, DuoCode... codes) {
        Dataset d = new Dataset(id, title, "Demo General Hospital NHS Trust");
        d.setDuoCodes(String.join(",", java.util.Arrays.stream(codes).map(DuoCode::curie).toList()));
        return d;
    }

    static List<RestrictionFlag> flags(RestrictionCheck.Request app, Dataset... collections) {
        Map<String, Dataset> byId = new java.util.HashMap<>();
        for (Dataset d : collections) {
            byId.put(d.getId(), d);
        }
        return RestrictionCheck.flags(app, id -> Optional.ofNullable(byId.get(id)));
    }

    static final Dataset EVERY_RESTRICTION = withUseUntil(collection("all", "Restricted chest CT",
            DuoCode.values()), END.plusYears(1));

    static Dataset withUseUntil(Dataset d, LocalDate until) {
        d.setUseUntil(until);
        return d;
    }

    static RestrictionCheck.Request with(RestrictionCheck.Request r, Boolean commercial, PurposeCategory purpose,
            Sector sector) {
        return new RestrictionCheck.Request(commercial, purpose, sector, r.organisation(), r.ethicsReference(),
                r.ethicsExpiry(), r.endDate(), r.datasetIds());
    }

    @Test
    void aHarmlessApplicationRaisesNoFlagEvenAgainstEveryRestriction() {
        assertEquals(List.of(), flags(harmless("all"), EVERY_RESTRICTION));
    }

    @Test
    void aDeclaredCommercialProjectConflictsWithNonCommercialUseOnly() {
        Dataset nc = collection("nc", "Chest CT", DuoCode.GENERAL_RESEARCH_USE, DuoCode.NON_COMMERCIAL_USE_ONLY);
        List<RestrictionFlag> f = flags(with(harmless("nc"), true, PurposeCategory.RESEARCH, Sector.ACADEMIC), nc);
        assertEquals(List.of(new RestrictionFlag("nc", "DUO:0000046",
                "The project is declared commercial, but 'Chest CT' may be used for non-commercial purposes only.")), f);
    }

    @Test
    void commercialProductDevelopmentIsCommercialWhateverIsTicked() {
        Dataset nc = collection("nc", "Chest CT", DuoCode.NON_COMMERCIAL_USE_ONLY);
        List<RestrictionFlag> f = flags(with(harmless("nc"), false, PurposeCategory.COMMERCIAL_PRODUCT_DEVELOPMENT,
                Sector.ACADEMIC), nc);
        assertEquals(1, f.size());
        assertEquals("The purpose is commercial product development, but 'Chest CT' may be used for non-commercial"
                + " purposes only.", f.get(0).reason());
    }

    @Test
    void bothCommercialSignalsAreNamedInOneFlag() {
        Dataset nc = collection("nc", "Chest CT", DuoCode.NON_COMMERCIAL_USE_ONLY);
        List<RestrictionFlag> f = flags(with(harmless("nc"), true, PurposeCategory.COMMERCIAL_PRODUCT_DEVELOPMENT,
                Sector.ACADEMIC), nc);
        assertEquals(1, f.size());
        assertTrue(f.get(0).reason().startsWith(
                "The project is declared commercial and its purpose is commercial product development, but"), f.toString());
    }

    @Test
    void aCommercialOrganisationDoingNonCommercialWorkMayUseNonCommercialOnlyData() {
        Dataset nc = collection("nc", "Chest CT", DuoCode.NON_COMMERCIAL_USE_ONLY);
        assertEquals(List.of(), flags(with(harmless("nc"), false, PurposeCategory.RESEARCH, Sector.COMMERCIAL), nc));
    }

    @Test
    void notForProfitNonCommercialUseOnlyFlagsCommercialUseAndCommercialOrganisations() {
        Dataset npuncu = collection("x", "Brain MR", DuoCode.NOT_FOR_PROFIT_NON_COMMERCIAL_USE_ONLY);
        assertEquals(List.of(new RestrictionFlag("x", "DUO:0000018", "The project is declared commercial, but"
                + " 'Brain MR' may be used only by not-for-profit organisations for non-commercial purposes.")),
                flags(with(harmless("x"), true, PurposeCategory.RESEARCH, Sector.ACADEMIC), npuncu));
        assertEquals(List.of(new RestrictionFlag("x", "DUO:0000018", "The lead organisation (University of"
                + " Exampleton) is a commercial organisation, but 'Brain MR' may be used only by not-for-profit"
                + " organisations for non-commercial purposes.")),
                flags(with(harmless("x"), false, PurposeCategory.RESEARCH, Sector.COMMERCIAL), npuncu));
        assertEquals(List.of(new RestrictionFlag("x", "DUO:0000018", "The project is declared commercial and the lead"
                + " organisation (University of Exampleton) is a commercial organisation, but 'Brain MR' may be used"
                + " only by not-for-profit organisations for non-commercial purposes.")),
                flags(with(harmless("x"), true, PurposeCategory.RESEARCH, Sector.COMMERCIAL), npuncu));
        assertEquals(List.of(), flags(with(harmless("x"), false, PurposeCategory.RESEARCH, Sector.CHARITY), npuncu));
    }

    @Test
    void notForProfitOrganisationUseOnlyFlagsTheCommercialSectorOnly() {
        Dataset npu = collection("x", "Brain MR", DuoCode.NOT_FOR_PROFIT_ORGANISATION_USE_ONLY);
        assertEquals(List.of(new RestrictionFlag("x", "DUO:0000045", "The lead organisation (University of Exampleton)"
                + " is a commercial organisation, but 'Brain MR' may be used only by not-for-profit organisations.")),
                flags(with(harmless("x"), false, PurposeCategory.RESEARCH, Sector.COMMERCIAL), npu));
        for (Sector notForProfit : List.of(Sector.ACADEMIC, Sector.NHS, Sector.CHARITY, Sector.GOVERNMENT)) {
            assertEquals(List.of(), flags(with(harmless("x"), false, PurposeCategory.RESEARCH, notForProfit), npu),
                    notForProfit.name());
        }
        // Declared commercial use by a not-for-profit organisation is a matter for DUO:0000046, not this term.
        assertEquals(List.of(), flags(with(harmless("x"), true, PurposeCategory.RESEARCH, Sector.CHARITY), npu));
    }

    @Test
    void noEthicsReferenceConflictsWithEthicsApprovalRequired() {
        Dataset irb = collection("x", "Brain MR", DuoCode.ETHICS_APPROVAL_REQUIRED);
        RestrictionCheck.Request noEthics = new RestrictionCheck.Request(false, PurposeCategory.RESEARCH,
                Sector.ACADEMIC, "University of Exampleton", "  ", null, END, List.of("x"));
        assertEquals(List.of(new RestrictionFlag("x", "DUO:0000021",
                "No ethics approval reference is given, but 'Brain MR' requires ethics approval.")), flags(noEthics, irb));
    }

    @Test
    void ethicsApprovalEndingBeforeTheProjectConflictsWithEthicsApprovalRequired() {
        Dataset irb = collection("x", "Brain MR", DuoCode.ETHICS_APPROVAL_REQUIRED);
        RestrictionCheck.Request early = new RestrictionCheck.Request(false, PurposeCategory.RESEARCH,
                Sector.ACADEMIC, "University of Exampleton", "IRAS 123456", END.minusDays(1), END, List.of("x"));
        assertEquals(List.of(new RestrictionFlag("x", "DUO:0000021", "The ethics approval (IRAS 123456) expires on"
                + " 2028-06-29, before the project ends on 2028-06-30, and 'Brain MR' requires ethics approval for the"
                + " whole time it is used.")), flags(early, irb));
        RestrictionCheck.Request sameDay = new RestrictionCheck.Request(false, PurposeCategory.RESEARCH,
                Sector.ACADEMIC, "University of Exampleton", "IRAS 123456", END, END, List.of("x"));
        assertEquals(List.of(), flags(sameDay, irb));
    }

    @Test
    void aProjectEndingAfterTheTimeLimitConflictsWithTimeLimitOnUse() {
        Dataset ts = withUseUntil(collection("x", "Brain MR", DuoCode.TIME_LIMIT_ON_USE), END.minusMonths(1));
        assertEquals(List.of(new RestrictionFlag("x", "DUO:0000025",
                "The project runs until 2028-06-30, but 'Brain MR' may be used only until 2028-05-30.")),
                flags(harmless("x"), ts));
        assertEquals(List.of(), flags(harmless("x"), withUseUntil(collection("x", "Brain MR",
                DuoCode.TIME_LIMIT_ON_USE), END)), "ending on the last permitted day is fine");
    }

    @Test
    void noEndDateConflictsWithATimeLimit() {
        Dataset ts = withUseUntil(collection("x", "Brain MR", DuoCode.TIME_LIMIT_ON_USE), END);
        RestrictionCheck.Request open = new RestrictionCheck.Request(false, PurposeCategory.RESEARCH, Sector.ACADEMIC,
                "University of Exampleton", "IRAS 123456", END, null, List.of("x"));
        assertEquals(List.of(new RestrictionFlag("x", "DUO:0000025",
                "The application gives no end date, but 'Brain MR' may be used only until 2028-06-30.")), flags(open, ts));
    }

    @Test
    void algorithmDevelopmentConflictsWithNoGeneralMethodsResearch() {
        Dataset nmds = collection("x", "Brain MR", DuoCode.NO_GENERAL_METHODS_RESEARCH);
        assertEquals(List.of(new RestrictionFlag("x", "DUO:0000015", "The purpose is algorithm training, which"
                + " develops methods (algorithms), but 'Brain MR' may not be used for general methods research.")),
                flags(with(harmless("x"), false, PurposeCategory.ALGORITHM_TRAINING, Sector.ACADEMIC), nmds));
        assertEquals(1, flags(with(harmless("x"), false, PurposeCategory.ALGORITHM_VALIDATION, Sector.ACADEMIC),
                nmds).size());
        assertEquals(List.of(), flags(with(harmless("x"), false, PurposeCategory.SERVICE_EVALUATION, Sector.NHS),
                nmds));
    }

    @Test
    void obligationsRaiseNoFlag() {
        Dataset obligations = collection("x", "Brain MR", DuoCode.GENERAL_RESEARCH_USE,
                DuoCode.HEALTH_MEDICAL_BIOMEDICAL_RESEARCH, DuoCode.DISEASE_SPECIFIC_RESEARCH,
                DuoCode.PUBLICATION_REQUIRED);
        RestrictionCheck.Request anything = new RestrictionCheck.Request(true,
                PurposeCategory.COMMERCIAL_PRODUCT_DEVELOPMENT, Sector.COMMERCIAL, "Acme AI Ltd", null, null, null,
                List.of("x"));
        assertEquals(List.of(), flags(anything, obligations));
    }

    @Test
    void everyRequestedCollectionIsCheckedOnceInTheOrderRequestedAndUnknownOnesAreSkipped() {
        Dataset nc = collection("nc", "Chest CT", DuoCode.NON_COMMERCIAL_USE_ONLY);
        Dataset npu = collection("npu", "Brain MR", DuoCode.NOT_FOR_PROFIT_ORGANISATION_USE_ONLY);
        RestrictionCheck.Request app = new RestrictionCheck.Request(true, PurposeCategory.RESEARCH, Sector.COMMERCIAL,
                "Acme AI Ltd", "IRAS 1", END, END, List.of("npu", "missing", "nc", "npu"));
        List<RestrictionFlag> f = flags(app, nc, npu);
        assertEquals(List.of("npu DUO:0000045", "nc DUO:0000046"),
                f.stream().map(x -> x.datasetId() + " " + x.duoCode()).toList());
    }

    @Test
    void unknownCodesStoredOnACollectionAreIgnored() {
        Dataset d = new Dataset("x", "Legacy", "Somewhere");
        d.setDuoCodes("DUO:9999999,DUO:0000046");
        assertEquals(1, flags(with(harmless("x"), true, PurposeCategory.RESEARCH, Sector.ACADEMIC), d).size());
    }
}

package uk.nip.governance.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.nip.governance.catalogue.Dataset;

/** What an application must hold before the committee sees it. */
class SubmissionCheckTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    static Optional<Dataset> catalogue(String id) {
        if (!id.equals("demo-chest-ct")) {
            return Optional.empty();
        }
        Dataset d = new Dataset(id, "Demo chest CT collection", "Demo General Hospital NHS Trust");
        d.setModalities("CT");
        d.setBodyParts("CHEST");
        return Optional.of(d);
    }

    static DraftForm complete() {
        return new DraftForm("Early detection of lung nodules", "We will teach a computer to find lung nodules.",
                "A 3D convolutional network on de-identified chest CT.", "Earlier lung cancer diagnosis.",
                PurposeCategory.ALGORITHM_TRAINING, false, "University of Exampleton", Sector.ACADEMIC,
                List.of(new TeamMember("Ravi Rao", "ravi@example.ac.uk", "researcher2", "Data scientist",
                        "0000-0002-1825-0097")),
                List.of("Wellcome Trust"), "IRAS 123456", TODAY.plusYears(1), Article6Condition.E_PUBLIC_TASK,
                Article9Condition.J_ARCHIVING_RESEARCH_STATISTICS,
                List.of(new RequestedDataset("demo-chest-ct", "CT", "CHEST", LocalDate.of(2020, 3, 1),
                        LocalDate.of(2021, 6, 30), 18, 90, CohortSex.ANY)),
                "Only adult chest CT from the study period is needed.", new ComputeNeeds(8, 1, 500, 12),
                TODAY.plusMonths(1), TODAY.plusMonths(13));
    }

    static Map<String, String> problems(DraftForm form) {
        Application app = new Application("NIP-TEST", "researcher", Instant.now());
        app.fill(form);
        return SubmissionCheck.problems(app, SubmissionCheckTest::catalogue, TODAY);
    }

    static DraftForm with(DraftForm f, java.util.function.UnaryOperator<Object[]> change) {
        Object[] v = {f.title(), f.laySummary(), f.technicalSummary(), f.publicBenefit(), f.purpose(), f.commercial(),
            f.organisation(), f.sector(), f.team(), f.funders(), f.ethicsReference(), f.ethicsExpiry(), f.article6(),
            f.article9(), f.datasets(), f.minimisationJustification(), f.compute(), f.startDate(), f.endDate()};
        Object[] n = change.apply(v);
        @SuppressWarnings("unchecked")
        DraftForm changed = new DraftForm((String) n[0], (String) n[1], (String) n[2], (String) n[3],
                (PurposeCategory) n[4], (Boolean) n[5], (String) n[6], (Sector) n[7], (List<TeamMember>) n[8],
                (List<String>) n[9], (String) n[10], (LocalDate) n[11], (Article6Condition) n[12],
                (Article9Condition) n[13], (List<RequestedDataset>) n[14], (String) n[15], (ComputeNeeds) n[16],
                (LocalDate) n[17], (LocalDate) n[18]);
        return changed;
    }

    static DraftForm set(int index, Object value) {
        return with(complete(), v -> {
            v[index] = value;
            return v;
        });
    }

    @Test
    void aCompleteApplicationHasNoProblems() {
        assertEquals(Map.of(), problems(complete()));
    }

    @Test
    void anEmptyDraftListsEveryRequiredFieldByName() {
        Map<String, String> p = problems(new DraftForm(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null));
        assertEquals(List.of("title", "laySummary", "technicalSummary", "publicBenefit", "purpose", "commercial",
                "organisation", "sector", "ethicsReference", "ethicsExpiry", "article6", "article9", "datasets",
                "minimisationJustification", "compute.cpuCores", "compute.gpus", "compute.storageGb",
                "compute.months", "startDate", "endDate"), List.copyOf(p.keySet()));
    }

    @Test
    void aLaySummaryMayHaveThreeHundredWordsButNotMore() {
        assertFalse(problems(set(1, "word ".repeat(300))).containsKey("laySummary"));
        assertEquals("The lay summary has 301 words; the limit is 300.",
                problems(set(1, " word\n".repeat(301))).get("laySummary"));
    }

    @Test
    void ethicsApprovalMustStillBeValidTomorrow() {
        assertTrue(problems(set(11, TODAY)).get("ethicsExpiry").contains("expired on 2026-11-27"));
        assertTrue(problems(set(11, TODAY.minusDays(3))).containsKey("ethicsExpiry"));
        assertFalse(problems(set(11, TODAY.plusDays(1))).containsKey("ethicsExpiry"));
    }

    @Test
    void accessMustEndAfterItStarts() {
        assertEquals("The end date must be after the start date.",
                problems(set(18, TODAY.plusMonths(1))).get("endDate"));
        assertTrue(problems(set(18, TODAY)).containsKey("endDate"));
    }

    @Test
    void bothArticle6AndArticle9ConditionsAreRequired() {
        assertTrue(problems(set(12, null)).get("article6").contains("Article 6"));
        assertTrue(problems(set(13, null)).get("article9").contains("Article 9"));
        assertEquals("6(1)(e)", Article6Condition.E_PUBLIC_TASK.code());
        assertEquals("9(2)(j)", Article9Condition.J_ARCHIVING_RESEARCH_STATISTICS.code());
        assertEquals(6, Article6Condition.values().length, "Article 6(1) has points (a) to (f)");
        assertEquals(10, Article9Condition.values().length, "Article 9(2) has points (a) to (j)");
    }

    @Test
    void aTeamMembersOrcidIsCheckedByFormatAndChecksum() {
        Map<String, String> p = problems(set(8, List.of(
                new TeamMember("A", "a@example.org", null, "Analyst", "0000-0002-1825-0098"),
                new TeamMember("B", null, "researcher2", "Analyst", "1234"),
                new TeamMember("C", null, null, null, null))));
        assertTrue(p.get("team[0].orcid").contains("wrong check character"), p.toString());
        assertTrue(p.get("team[1].orcid").contains("is not an ORCID iD"), p.toString());
        assertTrue(p.containsKey("team[2].email"), p.toString());
        assertTrue(p.containsKey("team[2].role"), p.toString());
        assertFalse(p.containsKey("team[2].orcid"), "ORCID is optional");
    }

    @Test
    void commercialProductDevelopmentMustBeMarkedCommercial() {
        DraftForm f = with(complete(), v -> {
            v[4] = PurposeCategory.COMMERCIAL_PRODUCT_DEVELOPMENT;
            v[5] = false;
            return v;
        });
        assertTrue(problems(f).containsKey("commercial"));
    }

    @Test
    void eachRequestedDatasetIsCheckedAgainstTheCatalogueAndItsCohortCriteria() {
        Map<String, String> p = problems(set(14, List.of(
                new RequestedDataset("demo-chest-ct", "CT,MR", "CHEST", LocalDate.of(2021, 1, 1),
                        LocalDate.of(2020, 1, 1), 60, 40, CohortSex.FEMALE),
                new RequestedDataset("no-such-collection", null, null, null, null, null, null, null),
                new RequestedDataset("demo-chest-ct", null, null, null, null, null, 200, null))));
        assertTrue(p.get("datasets[0].modalities").contains("no modality MR"), p.toString());
        assertTrue(p.containsKey("datasets[0].studyDateTo"), p.toString());
        assertTrue(p.containsKey("datasets[0].ageTo"), p.toString());
        assertTrue(p.get("datasets[1].datasetId").contains("not in the catalogue"), p.toString());
        assertTrue(p.get("datasets[2].datasetId").contains("requested twice"), p.toString());
        assertTrue(p.containsKey("datasets[2].ageTo"), p.toString());
        assertFalse(p.containsKey("datasets[0].bodyParts"), p.toString());
    }
}

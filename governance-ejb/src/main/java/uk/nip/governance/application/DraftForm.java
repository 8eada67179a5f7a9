package uk.nip.governance.application;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a researcher types into an application; any field may still be empty in a draft. */
public record DraftForm(
        String title,
        String laySummary,
        String technicalSummary,
        String publicBenefit,
        PurposeCategory purpose,
        Boolean commercial,
        String organisation,
        Sector sector,
        List<TeamMember> team,
        List<String> funders,
        String ethicsReference,
        LocalDate ethicsExpiry,
        Article6Condition article6,
        Article9Condition article9,
        List<RequestedDataset> datasets,
        String minimisationJustification,
        ComputeNeeds compute,
        LocalDate startDate,
        LocalDate endDate) {

    public DraftForm {
        team = team == null ? List.of() : List.copyOf(team);
        funders = funders == null ? List.of()
                : funders.stream().filter(f -> f != null && !f.isBlank()).map(String::strip).toList();
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
        compute = compute == null ? ComputeNeeds.none() : compute;
    }

    /**
     * Fields longer than the database keeps, each with its limit: a draft is saved however
     * incomplete, but a value that would not fit is refused by name, not lost with the rest.
     */
    public Map<String, String> tooLong() {
        Map<String, String> p = new LinkedHashMap<>();
        TextLimits.check(p, "title", title, 255);
        TextLimits.check(p, "laySummary", laySummary, 4000);
        TextLimits.check(p, "technicalSummary", technicalSummary, 8000);
        TextLimits.check(p, "publicBenefit", publicBenefit, 4000);
        TextLimits.check(p, "organisation", organisation, 255);
        TextLimits.check(p, "ethicsReference", ethicsReference, 100);
        TextLimits.check(p, "minimisationJustification", minimisationJustification, 4000);
        for (int i = 0; i < team.size(); i++) {
            TeamMember m = team.get(i);
            TextLimits.check(p, "team[" + i + "].name", m.getName(), 255);
            TextLimits.check(p, "team[" + i + "].email", m.getEmail(), 255);
            TextLimits.check(p, "team[" + i + "].username", m.getUsername(), 100);
            TextLimits.check(p, "team[" + i + "].role", m.getRole(), 255);
            if (m.getOrcid() != null && m.getOrcid().length() > 19) {
                p.put("team[" + i + "].orcid", "'" + m.getOrcid() + "' is not an ORCID iD: give its 16 digits, "
                        + "as 0000-0002-1825-0097.");
            }
        }
        for (int i = 0; i < funders.size(); i++) {
            TextLimits.check(p, "funders[" + i + "]", funders.get(i), 255);
        }
        for (int i = 0; i < datasets.size(); i++) {
            RequestedDataset d = datasets.get(i);
            TextLimits.check(p, "datasets[" + i + "].datasetId", d.getDatasetId(), 100);
            TextLimits.check(p, "datasets[" + i + "].modalities", d.getModalities(), 255);
            TextLimits.check(p, "datasets[" + i + "].bodyParts", d.getBodyParts(), 255);
        }
        return p;
    }
}

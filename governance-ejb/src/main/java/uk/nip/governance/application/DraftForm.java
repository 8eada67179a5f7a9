package uk.nip.governance.application;

import java.time.LocalDate;
import java.util.List;

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
}

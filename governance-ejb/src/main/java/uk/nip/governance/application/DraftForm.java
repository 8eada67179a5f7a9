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
            memberTooLong(p, "team[" + i + "]", team.get(i));
        }
        // the page has one box for every funder, a line each: the problem is reported against the box
        for (int i = 0; i < funders.size() && !p.containsKey("funders"); i++) {
            if (funders.get(i).length() > 255) {
                p.put("funders", "Keep each funder to 255 characters; funder " + (i + 1) + " has "
                        + funders.get(i).length() + ".");
            }
        }
        for (int i = 0; i < datasets.size(); i++) {
            RequestedDataset d = datasets.get(i);
            TextLimits.check(p, "datasets[" + i + "].datasetId", d.getDatasetId(), 100);
            TextLimits.check(p, "datasets[" + i + "].modalities", d.getModalities(), 255);
            TextLimits.check(p, "datasets[" + i + "].bodyParts", d.getBodyParts(), 255);
        }
        return p;
    }

    /** A team member's fields that would not fit, under {@code key} ("team[0]", "addedMembers[1]"). */
    static void memberTooLong(Map<String, String> p, String key, TeamMember m) {
        TextLimits.check(p, key + ".name", m.getName(), 255);
        TextLimits.check(p, key + ".email", m.getEmail(), 255);
        TextLimits.check(p, key + ".username", m.getUsername(), 100);
        TextLimits.check(p, key + ".role", m.getRole(), 255);
        if (m.getOrcid() != null && m.getOrcid().length() > 19) {
            p.put(key + ".orcid", "'" + m.getOrcid() + "' is not an ORCID iD: give its 16 digits, "
                    + "as 0000-0002-1825-0097.");
        }
    }
}

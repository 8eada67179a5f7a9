package uk.nip.governance.application;

/** What a researcher types into an application; any field may still be empty in a draft. */
public record DraftForm(String title, String laySummary, String publicBenefit, String technicalSummary,
        String organisation, String datasetId) {
}

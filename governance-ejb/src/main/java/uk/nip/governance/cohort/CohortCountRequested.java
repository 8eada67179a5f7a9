package uk.nip.governance.cohort;

/**
 * Raised for each requested collection when someone asks how large a cohort is; the workflow
 * hands the count to the broker.
 */
public record CohortCountRequested(long countId, long applicationId, String datasetId) {
}

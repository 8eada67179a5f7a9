package uk.nip.governance.catalogue;

/**
 * A use restriction on a requested collection that the application appears to conflict with, for
 * the committee to weigh. A flag does not refuse anything: people decide.
 *
 * @param datasetId the requested collection
 * @param duoCode   the restriction's DUO CURIE (DUO:0000046)
 * @param reason    what conflicts, in words a committee member reads without the ontology at hand
 */
public record RestrictionFlag(String datasetId, String duoCode, String reason) {
}

package uk.nip.broker.provision;

/**
 * One instance a run is asked to de-identify. {@code name} is its path relative to the source
 * (a file path in a folder, {@code <study>/<series>/<instance>.dcm} in a DICOMweb archive); it
 * names the quarantined copy and is recorded only in the restricted store. {@code fingerprint}
 * changes when the source copy changes, so a resumed run does not trust a stale result.
 */
public record SourceItem(String name, String fingerprint) {
}

package uk.nip.broker.archive;

/**
 * A part of a collection that changes as a whole: a file in a folder archive, a study in a
 * DICOMweb archive. The index re-reads a unit only when its fingerprint changes.
 */
public record ArchiveUnit(String key, String fingerprint) {
}

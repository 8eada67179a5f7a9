package uk.nip.broker.archive;

/**
 * One instance as the index knows it. {@code sourceKey} names it inside its collection
 * (relative file path, or {@code <study>/<series>/<instance>.dcm}); {@code header} is null
 * when the header could not be read, so the instance matches no cohort criteria.
 */
public record ArchivedInstance(String collection, String sourceKey, ArchiveUnit unit, HeaderSummary header) {

    public boolean readable() {
        return header != null;
    }
}

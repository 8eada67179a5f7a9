package uk.nip.broker.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import uk.nip.broker.provision.InstanceSource;

/** Where identifiable images are kept, organised in collections (the catalogue's datasets). */
public interface ImageArchive {

    /** For logs and for telling runs apart; never holds a secret. */
    String location();

    /** Every unit of a collection with its fingerprint; fails if the archive has no such collection. */
    List<ArchiveUnit> units(String collection) throws IOException;

    /** Header summaries of one unit's instances, read without pixel data. */
    List<ArchivedInstance> describe(String collection, ArchiveUnit unit) throws IOException;

    /**
     * Hands each instance to {@code delivery} as a local file, keyed by its source key.
     * Instances the archive cannot supply are not delivered.
     */
    void retrieve(String collection, List<ArchivedInstance> instances, Path workFolder,
            InstanceSource.Delivery delivery) throws IOException, InterruptedException;

    /** Whether delivered files are temporary copies (true) or the archive's own files (false). */
    boolean retrievesCopies();

    /** Refuses output or store locations inside the archive. */
    default void checkLayout(String collection, Path output, Path store) {
    }
}

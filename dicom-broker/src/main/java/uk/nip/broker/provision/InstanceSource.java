package uk.nip.broker.provision;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where a run's instances come from: a folder of files or a selection from an archive. */
public interface InstanceSource {

    /** Receives each retrieved instance, as a local file or in memory. */
    @FunctionalInterface
    interface Delivery {
        void accept(SourceItem item, ReceivedInstance instance) throws InterruptedException;
    }

    /** A description that tells sources apart (folder path, archive address and collection); never a secret. */
    String location();

    List<SourceItem> items() throws IOException;

    /**
     * Hands each requested item to {@code delivery}, in any order. Items the source cannot
     * supply are simply not delivered; the run records them. Temporary copies too large to
     * keep in memory go into {@code workFolder}, which is in the restricted store.
     */
    void retrieve(List<SourceItem> items, Path workFolder, Delivery delivery) throws IOException, InterruptedException;

    /** The source's own file for an item, where it stays after the run; empty for an archive's copies. */
    default Optional<ReceivedInstance> original(SourceItem item) {
        return Optional.empty();
    }

    /** Whether delivered files are temporary copies the run deletes once processed. */
    boolean deliversCopies();

    /** Refuses layouts where the run would read its own output or expose the restricted store. */
    default void checkLayout(Path output, Path store) {
    }
}

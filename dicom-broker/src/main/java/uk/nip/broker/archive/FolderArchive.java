package uk.nip.broker.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import uk.nip.broker.ProjectId;
import uk.nip.broker.provision.FolderSource;
import uk.nip.broker.provision.InstanceSource;
import uk.nip.broker.provision.ReceivedInstance;
import uk.nip.broker.provision.SourceItem;

/** A folder archive: one sub-folder per collection (dataset id), read-only to the broker. */
public final class FolderArchive implements ImageArchive {

    private final Path root;

    public FolderArchive(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path collectionFolder(String collection) {
        Path folder = root.resolve(ProjectId.requireSafe("dataset id", collection));
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("dataset '" + collection + "' is not in the archive");
        }
        return folder;
    }

    @Override
    public String location() {
        return "folder " + root;
    }

    @Override
    public List<ArchiveUnit> units(String collection) throws IOException {
        List<ArchiveUnit> units = new ArrayList<>();
        for (SourceItem item : new FolderSource(collectionFolder(collection)).items()) {
            units.add(new ArchiveUnit(item.name(), item.fingerprint()));
        }
        return units;
    }

    @Override
    public List<ArchivedInstance> describe(String collection, ArchiveUnit unit) {
        Path file = collectionFolder(collection).resolve(unit.key());
        HeaderSummary header;
        try {
            header = HeaderSummary.read(file);
            if (header.sopUid() == null) {
                header = null;
            }
        } catch (Exception | StackOverflowError e) {
            // not DICOM or damaged: still listed, so a provisioning run quarantines it with its reason
            header = null;
        }
        return List.of(new ArchivedInstance(collection, unit.key(), unit, header));
    }

    @Override
    public void retrieve(String collection, List<ArchivedInstance> instances, Path workFolder,
            InstanceSource.Delivery delivery) throws InterruptedException {
        Path folder = collectionFolder(collection);
        for (ArchivedInstance i : instances) {
            delivery.accept(new SourceItem(i.sourceKey(), i.unit().fingerprint()),
                    ReceivedInstance.file(folder.resolve(i.sourceKey())));
        }
    }

    @Override
    public boolean retrievesCopies() {
        return false;
    }

    @Override
    public void checkLayout(String collection, Path output, Path store) {
        FolderSource.checkFolders(collectionFolder(collection), output, store);
        FolderSource.checkFolders(root, output, store);
    }
}

package uk.nip.broker.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import uk.nip.broker.provision.InstanceSource;
import uk.nip.broker.provision.SourceItem;

/** The instances of one collection chosen for a project, as a run's source. */
public final class ArchiveSource implements InstanceSource {

    private final ImageArchive archive;
    private final String collection;
    private final Map<String, ArchivedInstance> selected = new LinkedHashMap<>();

    public ArchiveSource(ImageArchive archive, String collection, List<ArchivedInstance> instances) {
        this.archive = archive;
        this.collection = collection;
        instances.stream().sorted(java.util.Comparator.comparing(ArchivedInstance::sourceKey))
                .forEach(i -> selected.put(i.sourceKey(), i));
    }

    @Override
    public String location() {
        return archive.location() + " dataset " + collection;
    }

    @Override
    public List<SourceItem> items() {
        List<SourceItem> items = new ArrayList<>(selected.size());
        selected.values().forEach(i -> items.add(new SourceItem(i.sourceKey(), i.unit().fingerprint())));
        return items;
    }

    @Override
    public void retrieve(List<SourceItem> items, Path workFolder, Delivery delivery)
            throws IOException, InterruptedException {
        List<ArchivedInstance> wanted = new ArrayList<>(items.size());
        for (SourceItem item : items) {
            ArchivedInstance i = selected.get(item.name());
            if (i != null) {
                wanted.add(i);
            }
        }
        archive.retrieve(collection, wanted, workFolder, delivery);
    }

    @Override
    public boolean deliversCopies() {
        return archive.retrievesCopies();
    }

    @Override
    public void checkLayout(Path output, Path store) {
        archive.checkLayout(collection, output, store);
    }
}

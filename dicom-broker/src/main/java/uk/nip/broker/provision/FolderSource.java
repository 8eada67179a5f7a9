package uk.nip.broker.provision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Every file under a folder, as the {@code deidentify} command reads it. */
public final class FolderSource implements InstanceSource {

    private final Path root;
    /**
     * Each item's file as the walk found it: a name the system's encoding cannot write back
     * (a Latin-1 "Müller.dcm" on a UTF-8 system, any accent in the C locale) still opens.
     */
    private final Map<String, Path> found = new HashMap<>();

    public FolderSource(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public String location() {
        return "folder " + root;
    }

    @Override
    public List<SourceItem> items() throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("input folder does not exist or is not a folder: " + root);
        }
        List<SourceItem> items = new ArrayList<>();
        found.clear();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted()::iterator) {
                String name = relativeName(root, p);
                // two names the encoding cannot tell apart still make two items
                while (found.containsKey(name)) {
                    name = name + "~";
                }
                found.put(name, p);
                items.add(new SourceItem(name, fingerprint(p)));
            }
        }
        return items;
    }

    @Override
    public void retrieve(List<SourceItem> items, Path workFolder, Delivery delivery) throws InterruptedException {
        for (SourceItem item : items) {
            Path file = found.get(item.name());
            delivery.accept(item, ReceivedInstance.file(file != null ? file : root.resolve(item.name())));
        }
    }

    @Override
    public Optional<ReceivedInstance> original(SourceItem item) {
        return Optional.ofNullable(found.get(item.name())).map(ReceivedInstance::file);
    }

    @Override
    public boolean deliversCopies() {
        return false;
    }

    @Override
    public void checkLayout(Path output, Path store) {
        checkFolders(root, output, store);
    }

    /** Shared with the folder archive: the same rules whether a folder is a CLI input or a collection. */
    public static void checkFolders(Path in, Path out, Path store) {
        in = in.toAbsolutePath().normalize();
        out = out.toAbsolutePath().normalize();
        store = store.toAbsolutePath().normalize();
        if (!Files.isDirectory(in)) {
            throw new IllegalArgumentException("input folder does not exist or is not a folder: " + in);
        }
        if (out.startsWith(in) || in.startsWith(out)) {
            throw new IllegalArgumentException("input and output folders must not contain one another");
        }
        if (store.startsWith(out) || out.startsWith(store)) {
            throw new IllegalArgumentException("the restricted store must not be inside the output folder, nor the output inside the store");
        }
        if (store.startsWith(in)) {
            throw new IllegalArgumentException("the restricted store must not be inside the input folder");
        }
    }

    public static String relativeName(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    /** Size and modification time: a file replaced in place is processed again on resume. */
    public static String fingerprint(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.size() + ":" + a.lastModifiedTime().toMillis();
        } catch (IOException e) {
            return "unreadable";
        }
    }
}

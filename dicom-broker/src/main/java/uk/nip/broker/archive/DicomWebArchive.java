package uk.nip.broker.archive;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.TagFromName;

import uk.nip.broker.ProjectId;
import uk.nip.broker.provision.InstanceSource;
import uk.nip.broker.provision.ProvisioningManifest;
import uk.nip.broker.provision.ReceivedInstance;
import uk.nip.broker.provision.SourceItem;

/**
 * An archive behind DICOMweb (Orthanc, dcm4chee, a cloud DICOM store). A collection is the
 * set of studies whose collection attribute (by default Clinical Trial Protocol ID, 0012,0020)
 * equals the dataset id; studies without it belong to no dataset and are never provisioned.
 * Instances are found with QIDO-RS and fetched a series at a time with WADO-RS.
 */
public final class DicomWebArchive implements ImageArchive {

    public static final String DEFAULT_COLLECTION_ATTRIBUTE = "ClinicalTrialProtocolID";
    private static final Logger LOG = Logger.getLogger(DicomWebArchive.class.getName());
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    /** Where an instance whose series or SOP instance UID is not a UID is listed: it cannot be asked for. */
    static final String INVALID_UIDS = "invalid-uids";
    private static final String NUMBER_OF_STUDY_RELATED_INSTANCES = "00201208";
    /** StudyDate, Modality, InstitutionName, PatientID, PatientBirthDate, PatientSex, PatientAge, BodyPartExamined. */
    private static final List<String> INDEXED_FIELDS = List.of("00080020", "00080060", "00080080", "00100020",
            "00100030", "00100040", "00101010", "00180015");
    /** Reading a retrieved part stops just past this. */
    private static final AttributeTag SOP_INSTANCE_UID = TagFromName.SOPInstanceUID;
    /** Series fetched at the same time. */
    static final int CONCURRENT_SERIES = 2;

    private final DicomWebClient client;
    private final String collectionTag;

    public DicomWebArchive(URI root, String collectionAttribute, Duration timeout) {
        this.client = new DicomWebClient(root, timeout);
        AttributeTag tag = AttributeList.getDictionary().getTagFromName(collectionAttribute);
        if (tag == null) {
            throw new IllegalArgumentException("unknown DICOM attribute keyword for the collection: " + collectionAttribute);
        }
        this.collectionTag = String.format(Locale.ROOT, "%04X%04X", tag.getGroup(), tag.getElement());
    }

    @Override
    public String location() {
        return "dicomweb " + client.root() + " collection-attribute " + collectionTag;
    }

    @Override
    public List<ArchiveUnit> units(String collection) throws IOException {
        ProjectId.requireSafe("dataset id", collection);
        List<JsonNode> studies = search("QIDO-RS search for the studies of dataset " + collection, "studies",
                List.of(q(collectionTag, collection), q("includefield", collectionTag),
                        q("includefield", NUMBER_OF_STUDY_RELATED_INSTANCES)));
        List<ArchiveUnit> units = new ArrayList<>();
        for (JsonNode study : studies) {
            String uid = HeaderSummary.json(study, "0020000D");
            // servers may match loosely (wildcards, case); only an exact value counts
            if (collection.equals(HeaderSummary.json(study, collectionTag)) && validUid(uid)) {
                String count = HeaderSummary.json(study, NUMBER_OF_STUDY_RELATED_INSTANCES);
                units.add(new ArchiveUnit(uid, count == null ? "?" : count));
            }
        }
        if (units.isEmpty()) {
            throw new IllegalArgumentException("dataset '" + collection + "' is not in the archive");
        }
        units.sort(java.util.Comparator.comparing(ArchiveUnit::key));
        return units;
    }

    @Override
    public List<ArchivedInstance> describe(String collection, ArchiveUnit study) throws IOException {
        List<Map.Entry<String, String>> query = new ArrayList<>();
        INDEXED_FIELDS.forEach(f -> query.add(q("includefield", f)));
        List<ArchivedInstance> instances = new ArrayList<>();
        int invalid = 0;
        for (JsonNode row : search("QIDO-RS search for the instances of a study of dataset " + collection,
                "studies/" + study.key() + "/instances", query)) {
            HeaderSummary h = HeaderSummary.fromDicomJson(row);
            String studyUid = h.studyUid() == null ? study.key() : h.studyUid();
            if (!studyUid.equals(study.key())) {
                continue;
            }
            if (!validUid(h.seriesUid()) || !validUid(h.sopUid())) {
                // listed, never fetched: the run counts it and quarantines it with its reason
                invalid++;
                instances.add(new ArchivedInstance(collection, studyUid + "/" + INVALID_UIDS + "/"
                        + ProvisioningManifest.sha256((h.seriesUid() + "/" + h.sopUid()).getBytes(StandardCharsets.UTF_8))
                                .substring(0, 16) + ".dcm", study, h));
                continue;
            }
            instances.add(new ArchivedInstance(collection, studyUid + "/" + h.seriesUid() + "/" + h.sopUid() + ".dcm",
                    study, h));
        }
        if (invalid > 0) {
            int n = invalid;
            LOG.warning(() -> "archive listed " + n + " instance(s) without valid UIDs in a study of dataset "
                    + collection + "; they are quarantined, not fetched");
        }
        return instances;
    }

    @Override
    public void retrieve(String collection, List<ArchivedInstance> instances, Path workFolder,
            InstanceSource.Delivery delivery) throws IOException, InterruptedException {
        Map<String, Map<String, ArchivedInstance>> bySeries = new LinkedHashMap<>();
        for (ArchivedInstance i : instances) {
            HeaderSummary h = i.header();
            if (!validUid(h.studyUid()) || !validUid(h.seriesUid()) || !validUid(h.sopUid())) {
                continue;
            }
            bySeries.computeIfAbsent("studies/" + h.studyUid() + "/series/" + h.seriesUid(), k -> new HashMap<>())
                    .put(h.sopUid(), i);
        }
        // a few series at once: one waits for the archive to start sending while another streams
        ExecutorService fetchers = Executors.newFixedThreadPool(Math.max(1, Math.min(CONCURRENT_SERIES, bySeries.size())));
        try {
            List<Future<?>> fetches = new ArrayList<>();
            for (Map.Entry<String, Map<String, ArchivedInstance>> series : bySeries.entrySet()) {
                Map<String, ArchivedInstance> wanted = series.getValue();
                fetches.add(fetchers.submit(() -> {
                    client.retrieve("WADO-RS retrieval of a series of dataset " + collection, series.getKey(),
                            headers -> new PartReceiver(workFolder, wanted, delivery, headers));
                    return null;
                }));
            }
            for (Future<?> fetch : fetches) {
                try {
                    fetch.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof InterruptedIOException || cause instanceof InterruptedException) {
                        throw new InterruptedException("retrieval interrupted");
                    }
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IOException("WADO-RS retrieval of a series of dataset " + collection + " failed: "
                            + cause.getClass().getSimpleName());
                }
            }
        } finally {
            // on a failure or interruption the other fetches stop too
            fetchers.shutdownNow();
            fetchers.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    @Override
    public boolean retrievesCopies() {
        return true;
    }

    /**
     * One part of a WADO-RS response, kept in memory and handed over once complete, so it is
     * never written to disk and read back before de-identification. A part larger than
     * {@link ReceivedInstance#IN_MEMORY_LIMIT} goes on into a file in the work folder (in the restricted store).
     */
    private static final class PartReceiver extends OutputStream implements MultipartRelatedReader.DirectSink {
        /** Left free in front of the instance, for the de-identified header. */
        private static final int ROOM = ReceivedInstance.HEADER_ROOM;
        private final Path workFolder;
        private final Map<String, ArchivedInstance> wanted;
        private final InstanceSource.Delivery delivery;
        private byte[] data;
        private int length;
        private Path file;
        private OutputStream fileOut;
        private boolean closed;

        PartReceiver(Path workFolder, Map<String, ArchivedInstance> wanted, InstanceSource.Delivery delivery,
                Map<String, String> headers) {
            this.workFolder = workFolder;
            this.wanted = wanted;
            this.delivery = delivery;
            this.data = new byte[ROOM + initialSize(headers.get("content-length"))];
        }

        private static int initialSize(String contentLength) {
            if (contentLength != null && contentLength.trim().matches("\\d{1,9}")) {
                return (int) Math.min(Long.parseLong(contentLength.trim()), ReceivedInstance.IN_MEMORY_LIMIT);
            }
            return 1 << 20;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (fileOut != null) {
                fileOut.write(b, off, len);
                return;
            }
            if ((long) length + len > ReceivedInstance.IN_MEMORY_LIMIT) {
                file = Files.createTempFile(workFolder, "wado", ".dcm");
                fileOut = new BufferedOutputStream(Files.newOutputStream(file), 256 * 1024);
                fileOut.write(data, ROOM, length);
                data = null;
                fileOut.write(b, off, len);
                return;
            }
            ensureRoom(len);
            System.arraycopy(b, off, data, ROOM + length, len);
            length += len;
        }

        @Override
        public boolean readFrom(InputStream in, long n) throws IOException {
            if (fileOut != null || length + n > ReceivedInstance.IN_MEMORY_LIMIT) {
                return false;
            }
            ensureRoom((int) n);
            if (in.readNBytes(data, ROOM + length, (int) n) < n) {
                throw new java.io.EOFException("multipart part shorter than its Content-Length");
            }
            length += (int) n;
            return true;
        }

        private void ensureRoom(int more) {
            if (ROOM + length + more > data.length) {
                data = java.util.Arrays.copyOf(data, ROOM + (int) Math.min(ReceivedInstance.IN_MEMORY_LIMIT,
                        Math.max(2L * (data.length - ROOM), length + more)));
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            ReceivedInstance received;
            if (fileOut != null) {
                fileOut.close();
                received = ReceivedInstance.file(file);
            } else {
                received = ReceivedInstance.inMemory(data, ROOM, length);
            }
            ArchivedInstance instance = wanted.get(sopInstanceUid(received));
            if (instance == null) {
                // not asked for (added since indexing, or unreadable): never enters the run
                if (file != null) {
                    Files.deleteIfExists(file);
                }
                return;
            }
            try {
                delivery.accept(new SourceItem(instance.sourceKey(), instance.unit().fingerprint()), received);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("retrieval interrupted");
            }
        }

        private String sopInstanceUid(ReceivedInstance received) {
            AttributeList list = new AttributeList();
            try (InputStream in = file != null ? new BufferedInputStream(Files.newInputStream(file), 8192)
                    : new java.io.ByteArrayInputStream(data, ROOM, length);
                    DicomInputStream din = new DicomInputStream(in)) {
                // stop at the first top-level element after SOP Instance UID: a stop tag alone
                // must be present to stop PixelMed, and otherwise it parses the pixel data too
                list.read(din, (into, tag, offset) -> into == list && tag.compareTo(SOP_INSTANCE_UID) > 0);
                return Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SOPInstanceUID).trim();
            } catch (Exception e) {
                return "";
            }
        }
    }

    private List<JsonNode> search(String request, String path, List<Map.Entry<String, String>> query)
            throws IOException {
        try {
            return client.search(request, path, query);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("search interrupted");
        }
    }

    private static Map.Entry<String, String> q(String name, String value) {
        return new AbstractMap.SimpleImmutableEntry<>(name, value);
    }

    private static boolean validUid(String uid) {
        return uid != null && uid.length() <= 64 && UID.matcher(uid).matches();
    }
}

package uk.nip.broker.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.nip.broker.ProjectId;
import uk.nip.broker.cohort.CohortCriteria;
import uk.nip.broker.cohort.OptOutList;
import uk.nip.broker.deid.RestrictedStore;
import uk.nip.broker.demo.DemoDatasetGenerator;
import uk.nip.broker.provision.DatasetProvisioning;
import uk.nip.broker.provision.ProvisioningManifest;
import uk.nip.broker.provision.RunReport;

class ProjectDataDestructionTest {

    private static final ProjectId PROJECT = ProjectId.of("PRJ-9");

    @TempDir
    Path root;

    private static Map<String, String> hashesUnder(Path folder) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path f : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                hashes.put(folder.relativize(f).toString(), ProvisioningManifest.sha256(Files.readAllBytes(f)));
            }
        }
        return hashes;
    }

    /** The broker is killed after deleting some released files; the next delivery attests all of them. */
    @Test
    void aDestructionStoppedPartWayAndRunAgainAttestsEveryFileWithItsHash() throws Exception {
        new DemoDatasetGenerator(3).generate(root.resolve("archive/DS-1"), 2, 1, 3);
        ProjectOutputs outputs = new ProjectOutputs(root.resolve("outputs"));
        RestrictedStore store = new RestrictedStore(root.resolve("store"));
        RunReport provisioned = new DatasetProvisioning(new FolderArchive(root.resolve("archive")), outputs, store,
                OptOutList.none(), 1L << 30, 2).provision(PROJECT, "DS-1", CohortCriteria.EVERYONE, null);
        Path folder = outputs.projectFolder(PROJECT);
        Map<String, String> released = hashesUnder(folder);
        assertEquals(7, released.size(), "six images and the manifest");
        long bytes = 0;
        for (String f : released.keySet()) {
            bytes += Files.size(folder.resolve(f));
        }
        long restricted = store.projectFiles(PROJECT).size();

        AtomicInteger deletedFiles = new AtomicInteger();
        ProjectDataDestruction killedAfterThree = new ProjectDataDestruction(outputs, store,
                Clock.fixed(Instant.parse("2030-06-01T09:00:00Z"), ZoneOffset.UTC), p -> {
                    if (Files.isRegularFile(p) && deletedFiles.incrementAndGet() > 3) {
                        throw new IOException("broker killed");
                    }
                    Files.delete(p);
                });
        assertThrows(IOException.class, () -> killedAfterThree.destroy(PROJECT));
        assertEquals(4, hashesUnder(folder).size(), "three of seven files were deleted");

        DestructionAttestation attestation = new ProjectDataDestruction(outputs, store,
                Clock.fixed(Instant.parse("2030-06-01T09:20:00Z"), ZoneOffset.UTC)).destroy(PROJECT);
        assertEquals(7, attestation.filesDestroyed());
        assertEquals(bytes, attestation.bytesDestroyed());
        assertEquals(restricted, attestation.restrictedFilesDestroyed());
        assertFalse(Files.exists(folder));
        assertFalse(store.hasProject(PROJECT));

        List<Path> attestations;
        try (Stream<Path> files = Files.list(store.root().resolve(ProjectDataDestruction.ATTESTATIONS))) {
            attestations = files.toList();
        }
        assertEquals(1, attestations.size(), "the pending record became the attestation: " + attestations);
        assertTrue(attestations.get(0).getFileName().toString().startsWith("PRJ-9-destroyed-"), attestations.toString());
        byte[] json = Files.readAllBytes(attestations.get(0));
        assertEquals(ProvisioningManifest.sha256(json), attestation.manifestSha256());
        JsonNode record = new ObjectMapper().readTree(json);
        Map<String, String> attested = new TreeMap<>();
        record.path("files").forEach(f -> attested.put(f.path("path").asText(), f.path("sha256").asText()));
        assertEquals(released, attested, "the files deleted before the kill keep the hashes taken before deletion");
        assertEquals(provisioned.manifestSha256(), record.path("datasetManifests").path("DS-1").asText());
        assertEquals("2030-06-01T09:00:00Z", record.path("startedAt").asText());
        assertEquals("2030-06-01T09:20:00Z", record.path("destroyedAt").asText());
    }
}

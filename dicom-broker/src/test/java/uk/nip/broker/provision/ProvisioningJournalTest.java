package uk.nip.broker.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvisioningJournalTest {

    /** Lines are written by hand, so names and details with quotes, escapes and any script must read back unchanged. */
    @Test
    void readsBackEveryOutcomeAsRecorded() throws Exception {
        List<String> names = List.of("plain/a.dcm", "quote\"d/b.dcm", "back\\slash\\c.dcm", "new\nline\r\t.dcm",
                "bell\u0007\u001f.dcm", "Zoë/Müller/日本.dcm", "line\u2028separator.dcm", "emoji\uD83D\uDE00.dcm");
        Map<String, FileOutcome> recorded = new java.util.LinkedHashMap<>();
        try (ProvisioningJournal journal = ProvisioningJournal.open(dir, "k")) {
            int i = 0;
            for (String name : names) {
                FileOutcome o = i++ % 2 == 0
                        ? FileOutcome.written(name, "out/" + name, "ab".repeat(32), 1000L + i)
                        : FileOutcome.quarantined(name, Stage.ACCEPTED, QuarantineReason.MALFORMED,
                                i == 2 ? null : "damaged \"element\" at\\ " + name);
                journal.record(new SourceItem(name, "fp-" + name), o);
                recorded.put(name, o);
            }
        }
        try (ProvisioningJournal journal = ProvisioningJournal.open(dir, "k")) {
            Map<String, ProvisioningJournal.Entry> read = journal.read();
            assertEquals(recorded.keySet(), read.keySet());
            for (Map.Entry<String, FileOutcome> e : recorded.entrySet()) {
                assertEquals(e.getValue(), read.get(e.getKey()).outcome(), e.getKey());
                assertEquals("fp-" + e.getKey(), read.get(e.getKey()).fingerprint());
            }
        }
    }

    @TempDir
    Path dir;
}

package uk.nip.broker.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptOutListTest {

    @Test
    void theRegisterSentWithATaskExcludesItsPatientsWhateverTheirSpacing() throws IOException {
        OptOutList list = OptOutList.none().withRegister(List.of("943 476 5919", "", "PAT-0002"));
        assertTrue(list.configured());
        assertEquals(Set.of("9434765919", "PAT0002"),
                list.optedOutAmong(Set.of("9434765919", "PAT0002", "PAT-0003")));
    }

    @Test
    void anEmptyRegisterIsAppliedAndExcludesNobody() throws IOException {
        OptOutList list = OptOutList.none().withRegister(List.of());
        assertTrue(list.configured(), "the task said the register was checked");
        assertTrue(list.optedOutAmong(Set.of("PAT-0001")).isEmpty());
        assertFalse(OptOutList.none().configured());
    }

    @Test
    void theFileAndTheRegisterBothCount(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("opt-out.txt"), "# national list\nPAT-0001\n");
        OptOutList list = OptOutList.file(file).withRegister(List.of("PAT-0002"));
        assertEquals(Set.of("PAT-0001", "PAT-0002"), list.optedOutAmong(Set.of("PAT-0001", "PAT-0002", "PAT-0003")));
        Files.delete(file);
        assertThrows(IOException.class, () -> list.optedOutAmong(Set.of("PAT-0003")),
                "a configured file that went missing stops the work");
    }
}

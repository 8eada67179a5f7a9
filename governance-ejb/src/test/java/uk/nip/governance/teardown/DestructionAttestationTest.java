package uk.nip.governance.teardown;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DestructionAttestationTest {

    static final Instant REQUESTED = Instant.parse("2026-11-27T09:00:00Z");

    static DestructionAttestation attestation(Instant requested, Instant enforced) {
        return new DestructionAttestation(1, "REVOKED", "BREACH", 24, 24_000, "d".repeat(64),
                enforced, "dicom-broker", "pi-1", null, requested, enforced, enforced);
    }

    @Test
    void propagationRunsFromTheOrderToTheLastEnforcementStep() {
        assertEquals(1_250, attestation(REQUESTED, REQUESTED.plusMillis(1_250)).getPropagationMillis());
    }

    @Test
    void clocksThatDisagreeNeverGiveANegativeTime() {
        // The broker's clock may run a little behind the portal's.
        assertEquals(0, attestation(REQUESTED, REQUESTED.minusMillis(40)).getPropagationMillis());
    }
}

package uk.nip.governance.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.nip.governance.domain.Role;

class PersonTest {

    private static final Instant SIGN_IN = Instant.parse("2026-11-27T09:00:00Z");

    @Test
    void theRolesTheIdentityProviderGaveAreKeptAndRead() {
        Person p = new Person("dacchair");
        assertTrue(p.update("Dora Chair", "dacchair@demo.nip.example", EnumSet.of(Role.DAC_MEMBER, Role.DAC_CHAIR),
                SIGN_IN));
        assertEquals(EnumSet.of(Role.DAC_CHAIR, Role.DAC_MEMBER), p.getRoles());
        assertTrue(p.has(Role.DAC_CHAIR));
        assertFalse(p.has(Role.CUSTODIAN));
        assertEquals(SIGN_IN, p.getUpdatedAt());
    }

    @Test
    void signingInAgainWithTheSameDetailsChangesNothing() {
        Person p = new Person("custodian");
        p.update("Cora Keeper", "custodian@demo.nip.example", Set.of(Role.CUSTODIAN), SIGN_IN);
        assertFalse(p.update("Cora Keeper", "custodian@demo.nip.example", Set.of(Role.CUSTODIAN),
                SIGN_IN.plusSeconds(60)));
        assertEquals(SIGN_IN, p.getUpdatedAt());
    }

    @Test
    void aNewAddressOrALostRoleIsAChange() {
        Person p = new Person("custodian");
        p.update("Cora Keeper", "custodian@demo.nip.example", Set.of(Role.CUSTODIAN), SIGN_IN);
        assertTrue(p.update("Cora Keeper", "cora@trust.example", Set.of(Role.CUSTODIAN), SIGN_IN.plusSeconds(60)));
        assertTrue(p.update("Cora Keeper", "cora@trust.example", Set.of(), SIGN_IN.plusSeconds(120)));
        assertTrue(p.getRoles().isEmpty());
        assertEquals(SIGN_IN.plusSeconds(120), p.getUpdatedAt());
    }
}

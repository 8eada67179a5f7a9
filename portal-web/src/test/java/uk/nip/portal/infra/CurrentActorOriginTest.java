package uk.nip.portal.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The origin put on every audit record: what the connection shows, not what a client claims. */
class CurrentActorOriginTest {

    private static final Set<String> PROXY = Set.of("10.0.0.5");

    @Test
    void aClientsOwnForwardedForHeaderIsNotBelieved() {
        assertEquals("203.0.113.9", CurrentActor.originOf("203.0.113.9", "10.1.1.1", Set.of()));
        assertEquals("203.0.113.9", CurrentActor.originOf("203.0.113.9", "10.1.1.1", PROXY));
    }

    @Test
    void behindATrustedProxyTheNearestUntrustedHopIsTheClient() {
        assertEquals("198.51.100.7", CurrentActor.originOf("10.0.0.5", "198.51.100.7", PROXY));
        // the proxy appends the address it saw; whatever the client sent stays on the left
        assertEquals("198.51.100.7", CurrentActor.originOf("10.0.0.5", "10.1.1.1, 198.51.100.7", PROXY));
        assertEquals("198.51.100.7", CurrentActor.originOf("10.0.0.5", "198.51.100.7, 10.0.0.5",
                CurrentActor.addresses("10.0.0.5, 10.0.0.6")));
        assertEquals("10.0.0.5", CurrentActor.originOf("10.0.0.5", null, PROXY));
    }

    @Test
    void anOriginLongerThanTheRecordKeepsIsCut() {
        String longHop = "x".repeat(300);
        assertEquals(CurrentActor.MAX_ORIGIN, CurrentActor.originOf("10.0.0.5", longHop, PROXY).length());
    }
}

package uk.nip.broker.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class ClientCredentialsTokenSourceTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static URI tokenUrl(FakeServers servers) {
        return URI.create(servers.base() + "/realms/imaging/protocol/openid-connect/token");
    }

    @Test
    void usesTheClientCredentialsGrantAndReusesTheTokenUntilShortlyBeforeExpiry() throws Exception {
        try (FakeServers servers = new FakeServers(r -> "[]")) {
            ManualClock clock = new ManualClock();
            ClientCredentialsTokenSource tokens = new ClientCredentialsTokenSource(tokenUrl(servers), "dicom-broker",
                    "s3cret&value", clock);
            assertEquals("tok-1", tokens.currentToken());
            String form = servers.requests.get(0).body();
            assertTrue(form.contains("grant_type=client_credentials"));
            assertTrue(form.contains("client_id=dicom-broker"));
            assertTrue(form.contains("client_secret=s3cret%26value"));

            clock.now = clock.now.plus(Duration.ofSeconds(40));
            assertEquals("tok-1", tokens.currentToken());
            assertEquals(1, servers.tokensIssued.get());

            // 60 s tokens are refreshed 12 s early
            clock.now = clock.now.plus(Duration.ofSeconds(9));
            assertEquals("tok-2", tokens.currentToken());
            assertEquals(2, servers.tokensIssued.get());
        }
    }

    @Test
    void aRefusalNamesTheStatusButNeverTheSecret() throws Exception {
        try (FakeServers servers = new FakeServers(r -> "[]")) {
            servers.tokenStatus = 401;
            ClientCredentialsTokenSource tokens = new ClientCredentialsTokenSource(tokenUrl(servers), "dicom-broker",
                    "do-not-print-me", new ManualClock());
            IllegalStateException e = assertThrows(IllegalStateException.class, tokens::currentToken);
            assertTrue(e.getMessage().contains("HTTP 401"), e.getMessage());
            assertFalse(e.getMessage().contains("do-not-print-me"));
            assertFalse(tokens.toString().contains("do-not-print-me"));
        }
    }
}

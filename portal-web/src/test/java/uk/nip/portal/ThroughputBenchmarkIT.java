package uk.nip.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static uk.nip.portal.Journeys.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Benchmark, only with -Dthroughput.benchmark=N (docs/benchmarks.md, "Applications per minute"):
 * scripted people take N applications from submission to ACTIVE through the real portal, workflow
 * and broker, first one application at a time, then with several teams at once
 * (-Dthroughput.actors, default 4). Each step is the HTTP call the person would make; the broker
 * provisions the demo collection for each. Skipped (not passed) without the property.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@EnabledIfSystemProperty(named = "throughput.benchmark", matches = "[1-9][0-9]*")
class ThroughputBenchmarkIT {

    @Deployment(testable = false)
    static WebArchive portal() {
        return PortalDeployment.builtWar();
    }

    static BrokerProcess broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = BrokerProcess.start("throughput");
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.stop();
        }
    }

    /** One person's sign-in, kept as a real session would be and renewed well before Keycloak's 300 s. */
    static final class Tokens {
        private record Held(String token, Instant at) {
        }

        private final Map<String, Held> held = new ConcurrentHashMap<>();

        String of(String user) {
            Held h = held.get(user);
            if (h == null || h.at().isBefore(Instant.now().minusSeconds(120))) {
                h = new Held(Http.userToken(user), Instant.now());
                held.put(user, h);
            }
            return h.token();
        }
    }

    /** When each application reached the points the table reports, in milliseconds from its submission. */
    record Timing(long decidedMs, long signedMs, long activeMs) {
    }

    final Tokens tokens = new Tokens();

    /** Every step from a new draft to ACTIVE, each taken by the person who takes it. */
    Timing oneApplication(String title) throws InterruptedException {
        String lead = tokens.of("researcher");
        long start = System.nanoTime();
        long id = PortalApiIT.create(lead, PortalApiIT.completeDraft(title));
        String app = "/api/applications/" + id;
        expect(200, Http.postJson(app + "/submit", lead, "{}"));
        expect(200, Http.postJson(app + "/screening", tokens.of("custodian"), Map.of("outcome", "complete")));
        for (String member : new String[] {"dacmember", "dacmember2", "dacchair"}) {
            expect(200, Http.postJson(app + "/review/declaration", tokens.of(member), Map.of("conflicted", false)));
        }
        for (String member : new String[] {"dacmember", "dacmember2"}) {
            expect(200, Http.postJson(app + "/review/vote", tokens.of(member),
                    Map.of("choice", "APPROVE", "reason", member + " finds the purpose and safeguards sound.")));
        }
        expect(200, Http.postJson(app + "/decision", tokens.of("dacchair"),
                Map.of("approve", true, "reason", "Approved on condition of annual reports.")));
        long decided = System.nanoTime();
        String hash = AgreementIT.awaitAgreements(id, lead).get(0).get("sha256").asText();
        expect(200, AgreementIT.sign(id, 1, lead, hash));
        expect(200, AgreementIT.sign(id, 1, tokens.of("dacchair"), hash));
        long signed = System.nanoTime();
        awaitActive(id);
        long active = System.nanoTime();
        return new Timing((decided - start) / 1_000_000, (signed - start) / 1_000_000, (active - start) / 1_000_000);
    }

    private void awaitActive(long id) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofSeconds(300));
        while (Instant.now().isBefore(end)) {
            JsonNode a = Http.get("/api/applications/" + id, tokens.of("researcher")).json();
            if ("ACTIVE".equals(a.get("state").asText())) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Application " + id + " did not become ACTIVE within 300 s");
    }

    /** n applications shared among the given number of teams; returns each one's timing and the wall time. */
    private List<Timing> run(int n, int teams, long[] wallMs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(teams);
        AtomicInteger next = new AtomicInteger();
        List<Timing> timings = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < teams; t++) {
            done.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    timings.add(oneApplication("Throughput benchmark " + teams + "-" + i));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        wallMs[0] = (System.nanoTime() - start) / 1_000_000;
        pool.shutdown();
        return timings;
    }

    @Test
    void applicationsPerMinute() throws Exception {
        int n = Integer.getInteger("throughput.benchmark");
        int teams = Integer.getInteger("throughput.actors", 4);
        oneApplication("Throughput benchmark warm-up");
        long[] wall = new long[1];
        List<Timing> serial = run(n, 1, wall);
        long serialWall = wall[0];
        List<Timing> parallel = run(n, teams, wall);
        long parallelWall = wall[0];
        assertEquals(n, serial.size());
        assertEquals(n, parallel.size());

        // Provisioning alone, measured where nothing queues (one application at a time): the broker
        // works one task at a time, so 60 s over its median is the most the pipeline can deliver.
        long provisioning = median(serial.stream().map(t -> t.activeMs() - t.signedMs()).toList());
        System.out.printf("THROUGHPUT-BENCHMARK n=%d%n", n);
        System.out.printf("one at a time: %.1f applications/min; per application median %d ms to the decision, "
                        + "%d ms to both signatures, %d ms to ACTIVE (provisioning %d ms)%n",
                perMinute(n, serialWall), median(serial.stream().map(Timing::decidedMs).toList()),
                median(serial.stream().map(Timing::signedMs).toList()),
                median(serial.stream().map(Timing::activeMs).toList()), provisioning);
        System.out.printf("%d teams at once: %.1f applications/min; per application median %d ms to ACTIVE, "
                        + "p95 %d ms%n", teams, perMinute(n, parallelWall),
                median(parallel.stream().map(Timing::activeMs).toList()),
                percentile(parallel.stream().map(Timing::activeMs).toList(), 95));
        System.out.printf("broker limit (60 s / median provisioning): %.1f applications/min%n",
                60_000.0 / provisioning);
    }

    private static double perMinute(int n, long wallMs) {
        return n * 60_000.0 / wallMs;
    }

    private static long median(List<Long> values) {
        return percentile(values, 50);
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return RevocationIT.percentile(sorted, p);
    }
}

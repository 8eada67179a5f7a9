package uk.nip.broker.worker;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import uk.nip.broker.provision.ProgressListener;

/**
 * Shows how far a provisioning task has got as the process variable {@code provisioningProgress}
 * ("done/total"). The external-task client can only set variables when completing, so this
 * calls the engine's REST API directly ({@code PUT /process-instance/{id}/variables/...}) with
 * the broker's own bearer token. At most one update per second; the last one is always sent.
 * Progress is a courtesy: a failed update is logged once and never fails the task.
 */
public final class ProgressReporter implements ProgressListener, AutoCloseable {

    public static final String VARIABLE = "provisioningProgress";
    static final long MIN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Logger LOG = Logger.getLogger(ProgressReporter.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Waits; replaced in tests by a clock that moves on its own. */
    @FunctionalInterface
    interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final URI variableUrl;
    private final ClientCredentialsTokenSource tokens;
    private final HttpClient http;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean warned = new AtomicBoolean();
    // threads finish out of order: the highest count reported is the progress
    private final AtomicLong highestDone = new AtomicLong(-1);
    private volatile long total;
    private String lastSent;
    private long lastSentAt;
    private boolean everSent;

    ProgressReporter(URI engineRest, String processInstanceId, ClientCredentialsTokenSource tokens, HttpClient http,
            LongSupplier nanoTime, Sleeper sleeper) {
        this.variableUrl = URI.create(engineRest + "/process-instance/"
                + URLEncoder.encode(processInstanceId, StandardCharsets.UTF_8) + "/variables/" + VARIABLE);
        this.tokens = tokens;
        this.http = http;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    public static ProgressReporter forProcessInstance(URI engineRest, String processInstanceId,
            ClientCredentialsTokenSource tokens) {
        return new ProgressReporter(engineRest, processInstanceId, tokens,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), System::nanoTime,
                nanos -> TimeUnit.NANOSECONDS.sleep(nanos));
    }

    /** Called from the run's worker threads; one of them sends when a second has passed, the others carry on. */
    @Override
    public void progress(long done, long total) {
        this.total = total;
        highestDone.accumulateAndGet(done, Math::max);
        if (!sending.compareAndSet(false, true)) {
            return;
        }
        try {
            if (!everSent || nanoTime.getAsLong() - lastSentAt >= MIN_INTERVAL_NANOS) {
                send(latest());
            }
        } finally {
            sending.set(false);
        }
    }

    /** Sends the final value unless it already went, waiting out the rest of the second if needed. */
    @Override
    public void close() {
        while (!sending.compareAndSet(false, true)) {
            Thread.onSpinWait();
        }
        try {
            String last = latest();
            if (last == null || last.equals(lastSent)) {
                return;
            }
            long wait = everSent ? MIN_INTERVAL_NANOS - (nanoTime.getAsLong() - lastSentAt) : 0;
            if (wait > 0) {
                sleeper.sleepNanos(wait);
            }
            send(last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sending.set(false);
        }
    }

    private String latest() {
        long done = highestDone.get();
        return done < 0 ? null : done + "/" + total;
    }

    private void send(String value) {
        lastSent = value;
        lastSentAt = nanoTime.getAsLong();
        everSent = true;
        ObjectNode body = JSON.createObjectNode().put("value", value).put("type", "String");
        try {
            HttpRequest request = HttpRequest.newBuilder(variableUrl).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + tokens.currentToken())
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                warnOnce("the engine answered HTTP " + response.statusCode());
            }
        } catch (IOException | RuntimeException e) {
            warnOnce(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // the second counts from when the engine had the update: a slow first request
            // (token, connection) must not bring the next one closer than a second
            lastSentAt = nanoTime.getAsLong();
        }
    }

    private void warnOnce(String why) {
        if (warned.compareAndSet(false, true)) {
            LOG.warning(() -> "could not report provisioning progress (" + why + "); provisioning continues");
        }
    }
}

package uk.nip.broker.worker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** A Keycloak token endpoint and a Camunda engine-rest, on the loopback interface only. */
final class FakeServers implements AutoCloseable {

    record Request(String method, String path, String authorization, String contentType, String body, long receivedNanos) {
    }

    final HttpServer server;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger tokensIssued = new AtomicInteger();
    volatile int tokenStatus = 200;
    volatile long tokenLifetimeSeconds = 60;
    /** Runs before the engine answers anything but fetchAndLock, e.g. to hold a progress update. */
    volatile Runnable beforeEngineAnswers = () -> { };

    FakeServers(Function<Request, String> fetchAndLock) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/realms/imaging/protocol/openid-connect/token", ex -> {
            Request r = record(ex);
            if (tokenStatus != 200) {
                respond(ex, tokenStatus, "{\"error\":\"unauthorized_client\"}");
                return;
            }
            int n = tokensIssued.incrementAndGet();
            respond(ex, 200, "{\"access_token\":\"tok-" + n + "\",\"expires_in\":" + tokenLifetimeSeconds
                    + ",\"token_type\":\"Bearer\"}");
        });
        server.createContext("/engine-rest/", ex -> {
            Request r = record(ex);
            if (r.path().endsWith("/external-task/fetchAndLock")) {
                respond(ex, 200, fetchAndLock.apply(r));
            } else {
                beforeEngineAnswers.run();
                respond(ex, 204, null);
            }
        });
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    URI engine() {
        return URI.create(base() + "/engine-rest");
    }

    private Request record(HttpExchange ex) throws IOException {
        Request r = new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                ex.getRequestHeaders().getFirst("Authorization"), ex.getRequestHeaders().getFirst("Content-Type"),
                new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), System.nanoTime());
        requests.add(r);
        return r;
    }

    private static void respond(HttpExchange ex, int status, String json) throws IOException {
        if (json == null) {
            ex.sendResponseHeaders(status, -1);
        } else {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, body.length);
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

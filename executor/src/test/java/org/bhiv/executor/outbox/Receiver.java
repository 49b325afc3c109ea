package org.bhiv.executor.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bhiv.server.Json;

/**
 * A real HTTP receiver on a random port standing in for Bucket or Karma: records every request
 * (headers, body, arrival time) and answers with a scripted reply.
 */
final class Receiver implements AutoCloseable {

    /** One received request. */
    record Received(String path, Headers headers, JsonNode body, long arrivedAtMillis, long arrivedAtNanos,
                    int inFlightAtArrival) {
        String eventId() {
            JsonNode id = body.path("event_data").path("event_id");
            return id.isMissingNode() ? body.path("data").path("metadata").path("event_id").asText() : id.asText();
        }
    }

    /** A scripted answer. */
    record Reply(int status, Map<String, String> headers, String body) {
        static Reply ok() {
            return new Reply(200, Map.of(), "{\"success\": true}");
        }

        static Reply status(int status, String body) {
            return new Reply(status, Map.of(), body);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> byEventId = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Function<Received, Reply> script = r -> Reply.ok();

    private Receiver(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    static Receiver start() throws IOException {
        return new Receiver(0);
    }

    /** Starts on a given port: a receiver that "comes back" where the outbox expects it. */
    static Receiver startOn(int port) throws IOException {
        return new Receiver(port);
    }

    /** @return a port nothing listens on (for now) */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    Receiver answer(Function<Received, Reply> script) {
        this.script = script;
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** @return how many times each event id arrived */
    Map<String, Integer> countsByEventId() {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        byEventId.forEach((k, v) -> counts.put(k, v.get()));
        return counts;
    }

    int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    /**
     * Records the request, then answers it. A request counts as in flight from its arrival until
     * just before its answer is sent, so once a sender holds an answer, that request no longer
     * counts: {@link Received#inFlightAtArrival()} of 1 means no other request was unanswered.
     */
    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        boolean counted = true;
        try (exchange; InputStream in = exchange.getRequestBody()) {
            JsonNode body = Json.mapper().readTree(in.readAllBytes());
            var r = new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(), body,
                    System.currentTimeMillis(), System.nanoTime(), now);
            Reply reply = script.apply(r);
            received.add(r);
            if (reply.status() / 100 == 2) {
                byEventId.computeIfAbsent(r.eventId(), k -> new AtomicInteger()).incrementAndGet();
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            inFlight.decrementAndGet();
            counted = false;
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } finally {
            if (counted) {
                inFlight.decrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

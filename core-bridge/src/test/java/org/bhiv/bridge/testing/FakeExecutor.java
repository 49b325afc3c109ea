package org.bhiv.bridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the executor's HTTP surface, on a random port, that answers like contracts
 * 3.1 and 3.5 and records what it received. Tests script answers with {@link #enqueue}; with
 * nothing scripted it answers a valid workflow with {@code 200 success} and a task result.
 */
public final class FakeExecutor implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<Reply> script = new ConcurrentLinkedDeque<>();

    private FakeExecutor() throws IOException {
        // A deep accept backlog: a burst of connections must not be refused by the fake itself.
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/api/workflow/execute", this::execute);
        server.createContext("/healthz", exchange -> send(exchange, new Reply(200, Map.of(),
                "{\"status\":\"ok\",\"service\":\"workflow-executor\"}")));
        server.start();
    }

    /** @return a started fake executor */
    public static FakeExecutor start() {
        try {
            return new FakeExecutor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return {@code http://127.0.0.1:<port>} */
    public String baseUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return the port */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Scripts the answer to the next unscripted request.
     *
     * @param status  HTTP status
     * @param headers extra headers
     * @param body    the body (JSON)
     * @return this
     */
    public FakeExecutor enqueue(int status, Map<String, String> headers, String body) {
        script.addLast(new Reply(status, headers, body));
        return this;
    }

    /** @return what reached {@code /api/workflow/execute}, in order */
    public List<Received> received() {
        return List.copyOf(received);
    }

    private void execute(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readAllBytes();
        }
        JsonNode body = MAPPER.readTree(bytes);
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestHeaders(), body));
        Reply reply = script.pollFirst();
        send(exchange, reply != null ? reply : success(body));
    }

    private static Reply success(JsonNode body) {
        String traceId = body.path("trace_id").asText();
        String json = """
                {"trace_id":"%s","status":"success","execution_result":{"success":true,"trace_id":"%s",\
                "provider":"sandbox","task_id":"task_0123456789abcdef","task_status":"CREATED",\
                "reference":"local://tasks/task_0123456789abcdef"}}""".formatted(traceId, traceId);
        return new Reply(200, Map.of(), json);
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
        String type = reply.status() >= 400 ? "application/problem+json" : "application/json";
        exchange.getResponseHeaders().set("Content-Type", type);
        reply.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * One request the fake received.
     *
     * @param method  HTTP method
     * @param headers request headers
     * @param body    parsed JSON body
     */
    public record Received(String method, Headers headers, JsonNode body) {

        /** @return the first value of a header, or null */
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    private record Reply(int status, Map<String, String> headers, String body) {
    }
}

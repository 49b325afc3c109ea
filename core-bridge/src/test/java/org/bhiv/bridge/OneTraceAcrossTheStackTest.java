package org.bhiv.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.helidon.webserver.WebServer;
import org.bhiv.bridge.WorkflowOutcome.Delivered;
import org.bhiv.server.Configs;
import org.bhiv.trace.TraceContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One decision, one W3C trace: the bridge's call to the real executor (seen through a tap in
 * front of it) and the executor's Bucket and Karma deliveries (to recording sinks) carry the
 * same trace id, the one {@link TraceContext#traceIdOf} derives from the trace_id; and a caller
 * that sends no {@code traceparent} at all (a Python product) lands in the same trace.
 */
class OneTraceAcrossTheStackTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    static Path dataDir;

    private static Recorder tap;
    private static Recorder bucket;
    private static Recorder karma;
    private static WebServer executor;
    private static WorkflowClient client;

    @BeforeAll
    static void start() throws IOException {
        bucket = Recorder.answering(null);
        karma = Recorder.answering(null);
        Map<String, String> config = new HashMap<>();
        config.put("server.port", "0");
        config.put("logging.file", "");
        config.put("executor.store.data-dir", dataDir.toString());
        config.put("integrations.bucket.url", bucket.baseUri());
        config.put("integrations.karma.url", karma.baseUri());
        executor = org.bhiv.executor.Main.start(Configs.create(config));
        tap = Recorder.answering("http://127.0.0.1:" + executor.port());
        client = WorkflowClient.builder().baseUri(tap.baseUri()).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        executor.stop();
        tap.close();
        bucket.close();
        karma.close();
    }

    @Test
    void aDecisionSentThroughTheBridgeIsOneTraceFromCoresCallToBothDeliveries() throws Exception {
        String traceId = "one-trace-bridge";
        var outcome = client.executeWorkflow(traceId, "task", Map.of("title", "Trace me"), "user-1")
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOf(Delivered.class);

        String expected = TraceContext.traceIdOf(traceId);
        assertThat(TraceContext.traceIdIn(tap.traceparentOf(traceId))).as("Core's call").isEqualTo(expected);
        await().atMost(Duration.ofSeconds(10)).until(() -> bucket.seen(traceId) && karma.seen(traceId));
        assertThat(TraceContext.traceIdIn(bucket.traceparentOf(traceId))).as("Bucket delivery").isEqualTo(expected);
        assertThat(TraceContext.traceIdIn(karma.traceparentOf(traceId))).as("Karma delivery").isEqualTo(expected);
    }

    @Test
    void aCallerWithoutATraceparentLandsInTheTraceTheBridgeWouldHaveStarted() throws Exception {
        String traceId = "one-trace-direct";
        String body = "{\"trace_id\":\"" + traceId + "\",\"decision\":\"workflow\",\"data\":{\"workflow_type\":\"workflow\","
                + "\"payload\":{\"action_type\":\"task\",\"title\":\"No traceparent\"}}}";
        var response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + executor.port()
                        + "/api/workflow/execute")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> bucket.seen(traceId) && karma.seen(traceId));
        String expected = TraceContext.traceIdOf(traceId);
        assertThat(TraceContext.traceIdIn(bucket.traceparentOf(traceId))).isEqualTo(expected);
        assertThat(TraceContext.traceIdIn(karma.traceparentOf(traceId))).isEqualTo(expected);
    }

    /** Records the traceparent of each request by the trace_id in its body; answers 200, or forwards. */
    private static final class Recorder implements AutoCloseable {

        private record Seen(String body, String traceparent) {
        }

        private final HttpServer server;
        private final List<Seen> seen = new CopyOnWriteArrayList<>();

        private Recorder(String forwardTo) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                byte[] in;
                try (InputStream body = exchange.getRequestBody()) {
                    in = body.readAllBytes();
                }
                String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
                seen.add(new Seen(new String(in, StandardCharsets.UTF_8), traceparent));
                int status = 200;
                byte[] out = "{}".getBytes(StandardCharsets.UTF_8);
                if (forwardTo != null) {
                    var forward = HttpRequest.newBuilder(URI.create(forwardTo + exchange.getRequestURI()))
                            .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                            .header("traceparent", traceparent).POST(HttpRequest.BodyPublishers.ofByteArray(in)).build();
                    try {
                        var answer = HTTP.send(forward, HttpResponse.BodyHandlers.ofByteArray());
                        status = answer.statusCode();
                        out = answer.body();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        status = 502;
                    }
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, out.length);
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            });
            server.start();
        }

        static Recorder answering(String forwardTo) throws IOException {
            return new Recorder(forwardTo);
        }

        String baseUri() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        boolean seen(String traceId) {
            return seen.stream().anyMatch(s -> s.body().contains("\"" + traceId + "\""));
        }

        String traceparentOf(String traceId) {
            return seen.stream().filter(s -> s.body().contains("\"" + traceId + "\"")).findFirst().orElseThrow().traceparent();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}

package org.bhiv.executor;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.bhiv.executor.TestExecutor.Answer;
import org.bhiv.server.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bhiv.executor.IdempotencyHttpTest.executions;
import static org.bhiv.executor.IdempotencyHttpTest.task;

/**
 * A stored execution's Bucket and Karma events are written with it and delivered in the
 * background; {@code GET /api/workflow/executions/{trace_id}} shows their delivery; a replay
 * writes no new events.
 */
class ExecutionEventsHttpTest {

    private static final String CALLER_TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static HttpServer sinks;
    private static final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private static TestExecutor executor;

    @BeforeAll
    static void start() throws IOException {
        sinks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sinks.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                received.add(((com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(in.readAllBytes()))
                        .put("path", exchange.getRequestURI().getPath())
                        .put("traceparent_header", exchange.getRequestHeaders().getFirst("traceparent"))
                        .put("x_trace_id_header", exchange.getRequestHeaders().getFirst("X-Trace-Id")));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        sinks.start();
        String url = "http://localhost:" + sinks.getAddress().getPort();
        executor = TestExecutor.start(Map.of(
                "integrations.bucket.enabled", "true", "integrations.bucket.url", url,
                "integrations.karma.enabled", "true", "integrations.karma.url", url));
    }

    @AfterAll
    static void stop() {
        executor.close();
        sinks.stop(0);
    }

    @Test
    void storedExecutionIsDeliveredToBucketAndKarmaAndAReplayAddsNoEvent() {
        String body = task("events-1", "Deliver me");

        Answer first = executor.execute(body, "traceparent", CALLER_TRACEPARENT);
        Answer replay = executor.execute(body);

        assertThat(first.status()).isEqualTo(200);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
        await().atMost(Duration.ofSeconds(10)).until(() -> eventsOf("events-1").size() == 2);
        assertThat(eventsOf("events-1")).extracting(e -> e.path("path").asText())
                .containsExactlyInAnyOrder("/core/write-event", "/v1/event/");
        assertThat(eventsOf("events-1")).allSatisfy(e -> {
            assertThat(e.path("x_trace_id_header").asText()).isEqualTo("events-1");
            // a child span of the caller's trace
            assertThat(e.path("traceparent_header").asText()).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-")
                    .isNotEqualTo(CALLER_TRACEPARENT);
        });
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode deliveries = executions(executor, "events-1").get(0).path("deliveries");
            assertThat(deliveries.path("bucket").path("state").asText()).isEqualTo("delivered");
            assertThat(deliveries.path("karma").path("state").asText()).isEqualTo("delivered");
        });
        assertThat(executions(executor, "events-1")).hasSize(1);
    }

    @Test
    void anUnsupportedActionTypeOfAnyTextIsStoredAndItsEventsAreAccepted() {
        String actionType = "fax-" + "x".repeat(300) + "\\u202e\\u0007";
        String body = "{\"trace_id\":\"events-odd-type\",\"decision\":\"workflow\",\"data\":{\"workflow_type\":"
                + "\"workflow\",\"payload\":{\"action_type\":\"" + actionType + "\"}}}";

        Answer answer = executor.execute(body);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("execution_result").path("error_code").asText()).isEqualTo("unsupported_action_type");
        List<JsonNode> stored = executions(executor, "events-odd-type");
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).path("action_type").asText()).isEqualTo("unsupported");
        await().atMost(Duration.ofSeconds(10)).until(() -> eventsOf("events-odd-type").size() == 2);
        assertThat(eventsOf("events-odd-type")).allSatisfy(e -> assertThat(e.toString())
                .doesNotContain("xxxx").contains("\"unsupported\""));
    }

    private static List<JsonNode> eventsOf(String traceId) {
        return received.stream().filter(e -> e.toString().contains("\"" + traceId + "\"")).toList();
    }
}

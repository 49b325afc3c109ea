package org.bhiv.executor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.bhiv.executor.TestExecutor.Answer;
import org.bhiv.server.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.bhiv.executor.IdempotencyHttpTest.executions;

/**
 * A retryable failure frees its idempotency key, so a retry of the same decision is a second
 * execution; each execution's Bucket and Karma events are delivered, with their own event ids.
 * The provider is "fixed" between the two requests by restarting the executor on the same
 * database with {@code sandbox.fail} switched off, as an operator would.
 */
class RetriedExecutionEventsTest {

    private static final String BODY = "{\"trace_id\":\"retry-1\",\"decision\":\"workflow\",\"data\":{\"workflow_type\":"
            + "\"workflow\",\"payload\":{\"action_type\":\"whatsapp\",\"recipient\":\"+919876543210\",\"message\":\"hi\"}}}";

    @TempDir
    Path dataDir;
    private HttpServer sinks;
    private final Map<String, AtomicInteger> bucketEvents = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> karmaEvents = new ConcurrentHashMap<>();

    @BeforeEach
    void startSinks() throws IOException {
        sinks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sinks.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                JsonNode body = Json.mapper().readTree(in.readAllBytes());
                if (exchange.getRequestURI().getPath().equals("/core/write-event")) {
                    count(bucketEvents, body.path("event_data").path("event_id").asText());
                } else {
                    count(karmaEvents, body.path("data").path("metadata").path("event_id").asText());
                }
                exchange.sendResponseHeaders(200, -1);
            }
        });
        sinks.start();
    }

    @AfterEach
    void stopSinks() {
        sinks.stop(0);
    }

    @Test
    void aRetryAfterARetryableFailureIsASecondExecutionWhoseEventsAreDelivered() {
        Answer failed;
        try (TestExecutor broken = executor("unavailable")) {
            failed = broken.execute(BODY);
            await().atMost(Duration.ofSeconds(10)).until(() -> bucketEvents.size() == 1 && karmaEvents.size() == 1);
        }
        Answer succeeded;
        List<JsonNode> recorded;
        try (TestExecutor fixed = executor("none")) {
            succeeded = fixed.execute(BODY);
            await().atMost(Duration.ofSeconds(10)).until(() -> bucketEvents.size() == 2 && karmaEvents.size() == 2);
            recorded = executions(fixed, "retry-1");
        }

        assertThat(failed.status()).isEqualTo(200);
        assertThat(failed.json().path("execution_result").path("error_code").asText()).isEqualTo("provider_unavailable");
        assertThat(failed.json().path("execution_result").path("retryable").asBoolean()).isTrue();
        assertThat(succeeded.status()).isEqualTo(200);
        assertThat(succeeded.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(succeeded.json().path("status").asText()).isEqualTo("success");
        assertThat(recorded).extracting(e -> e.path("status").asText()).containsExactly("failed", "success");
        assertThat(recorded).allSatisfy(e -> {
            assertThat(e.path("deliveries").path("bucket").path("state").asText()).isEqualTo("delivered");
            assertThat(e.path("deliveries").path("karma").path("state").asText()).isEqualTo("delivered");
        });
        assertThat(bucketEvents).as("one event per execution, each delivered once").hasSize(2)
                .allSatisfy((id, count) -> assertThat(count.get()).isEqualTo(1));
        assertThat(karmaEvents).hasSize(2).allSatisfy((id, count) -> assertThat(count.get()).isEqualTo(1));
        assertThat(recorded.get(0).path("deliveries").path("bucket").path("event_id").asText())
                .isNotEqualTo(recorded.get(1).path("deliveries").path("bucket").path("event_id").asText());
    }

    private TestExecutor executor(String whatsappFault) {
        String url = "http://localhost:" + sinks.getAddress().getPort();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return TestExecutor.start(Map.of(
                "executor.store.data-dir", dataDir.toString(),
                "executor.adapters.whatsapp.sandbox.fail", whatsappFault,
                "integrations.bucket.enabled", "true", "integrations.bucket.url", url,
                "integrations.karma.enabled", "true", "integrations.karma.url", url));
    }

    private static void count(Map<String, AtomicInteger> counts, String eventId) {
        counts.computeIfAbsent(eventId, k -> new AtomicInteger()).incrementAndGet();
    }
}

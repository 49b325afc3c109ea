package org.bhiv.executor.executions;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import org.bhiv.executor.ExecutorConfig;
import org.bhiv.executor.store.ClaimOutcome;
import org.bhiv.executor.store.Database;
import org.bhiv.executor.store.ExecutionRecord;
import org.bhiv.executor.store.ExecutionStore;
import org.bhiv.executor.store.JdbcExecutionStore;
import org.bhiv.executor.store.StoreConfig;
import org.bhiv.executor.store.TransactionalWrite;
import org.bhiv.server.Configs;
import org.bhiv.server.Json;
import org.bhiv.server.Servers;
import org.bhiv.server.auth.BearerTokenFilter;
import org.bhiv.server.auth.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutionsServiceTest {

    @TempDir
    static Path dir;
    private static Database db;
    private static WebServer server;
    private static WebClient client;
    private static ExecutionStore store;
    private static final Instant RECEIVED = Instant.parse("2026-11-30T01:02:03.456Z");

    @BeforeAll
    static void start() {
        db = Database.open(new StoreConfig("", dir, "", "", 2, Duration.ofSeconds(5)));
        store = new JdbcExecutionStore(db, Duration.ofMinutes(2), Duration.ofHours(24), Clock.systemUTC());
        Tokens tokens = Tokens.of("core-token", "bhiv_core", "operator-token", "operator",
                "executor-token", "workflow_executor");
        DeliveryLookup deliveries = traceId -> Map.of("exec-1", Map.of(
                "bucket", Map.of("state", "delivered", "attempts", 1),
                "karma", Map.of("state", "pending", "attempts", 2)));
        server = Servers.start(Configs.create(Map.of("server.port", "0", "logging.file", "")),
                routing -> routing.addFilter(BearerTokenFilter.create(tokens, "executor"))
                        .register("/api/workflow/executions", new ExecutionsService(store, deliveries, ExecutorConfig.DEFAULT_READERS)),
                List.of());
        client = WebClient.builder().baseUri("http://localhost:" + server.port()).build();

        var claim = (ClaimOutcome.Claimed) store.claim("t-known", "f".repeat(64));
        store.complete(claim, new ExecutionRecord("exec-1", "t-known", "t-known", "task", "success", RECEIVED, 12,
                "{\"success\":true,\"task_id\":\"task_0123456789abcdef\"}", 200, "{}"), TransactionalWrite.none());
        store.record(new ExecutionRecord("exec-2", "t-known", "other-key", "whatsapp", "failed",
                RECEIVED.plus(1, ChronoUnit.SECONDS), 3, "{\"success\":false,\"retryable\":true}", 200, "{}"),
                TransactionalWrite.none());
    }

    @AfterAll
    static void stop() {
        server.stop();
        db.close();
    }

    @Test
    void operatorSeesEveryExecutionOfATraceOldestFirstWithDeliveries() throws Exception {
        try (HttpClientResponse res = get("/api/workflow/executions/t-known", "operator-token")) {
            assertThat(res.status().code()).isEqualTo(200);
            JsonNode body = Json.mapper().readTree(res.as(String.class));
            assertThat(body.path("trace_id").asText()).isEqualTo("t-known");
            JsonNode first = body.path("executions").path(0);
            assertThat(first.path("idempotency_key").asText()).isEqualTo("t-known");
            assertThat(first.path("action_type").asText()).isEqualTo("task");
            assertThat(first.path("status").asText()).isEqualTo("success");
            assertThat(first.path("received_at").asText()).isEqualTo("2026-11-30T01:02:03.456Z");
            assertThat(first.path("duration_ms").asLong()).isEqualTo(12);
            assertThat(first.path("replayable").asBoolean()).isTrue();
            assertThat(first.path("result").path("task_id").asText()).isEqualTo("task_0123456789abcdef");
            assertThat(first.path("deliveries").path("bucket").path("state").asText()).isEqualTo("delivered");
            assertThat(first.path("deliveries").path("karma").path("attempts").asInt()).isEqualTo(2);
            JsonNode second = body.path("executions").path(1);
            assertThat(second.path("idempotency_key").asText()).isEqualTo("other-key");
            assertThat(second.path("replayable").asBoolean()).isFalse();
            assertThat(second.path("deliveries").isEmpty()).isTrue();
            assertThat(body.path("executions")).hasSize(2);
        }
    }

    @Test
    void coreMayReadExecutionsToo() {
        try (HttpClientResponse res = get("/api/workflow/executions/t-known", "core-token")) {
            assertThat(res.status().code()).isEqualTo(200);
            assertThat(res.as(String.class)).contains("\"trace_id\":\"t-known\"");
        }
    }

    @Test
    void unknownTraceIdIs404WithProblemBody() throws Exception {
        try (HttpClientResponse res = get("/api/workflow/executions/t-unknown", "operator-token")) {
            assertThat(res.status().code()).isEqualTo(404);
            JsonNode body = Json.mapper().readTree(res.as(String.class));
            assertThat(body.path("error_code").asText()).isEqualTo("execution_not_found");
            assertThat(body.path("trace_id").asText()).isEqualTo("t-unknown");
        }
    }

    @Test
    void withoutATokenIs401AndTheExecutorsOwnIdentityIs403() throws Exception {
        try (HttpClientResponse res = client.get("/api/workflow/executions/t-known").request()) {
            assertThat(res.status().code()).isEqualTo(401);
            assertThat(res.headers().first(io.helidon.http.HeaderNames.WWW_AUTHENTICATE)).contains("Bearer");
            assertThat(Json.mapper().readTree(res.as(String.class)).path("error_code").asText())
                    .isEqualTo("unauthenticated");
        }
        try (HttpClientResponse res = get("/api/workflow/executions/t-known", "executor-token")) {
            assertThat(res.status().code()).isEqualTo(403);
            assertThat(Json.mapper().readTree(res.as(String.class)).path("error_code").asText()).isEqualTo("forbidden");
        }
    }

    private static HttpClientResponse get(String path, String token) {
        return client.get(path).header(io.helidon.http.HeaderNames.AUTHORIZATION, "Bearer " + token).request();
    }
}

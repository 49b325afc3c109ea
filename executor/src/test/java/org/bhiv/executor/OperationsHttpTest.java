package org.bhiv.executor;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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

/**
 * The operations endpoints on a real executor (H2 file, real HTTP): the latest executions filtered
 * and paged, and dead events listed, counted by the gauge and redelivered exactly once, operator
 * only. The Bucket sink is a real HTTP server that refuses with 422 until told to accept.
 */
class OperationsHttpTest {

    private static final String OPERATOR = "Bearer op-secret";
    private static final String CORE = "Bearer core-secret";
    private static HttpServer bucket;
    private static volatile int bucketStatus = 422;
    private static final List<String> stored = new CopyOnWriteArrayList<>();
    private static TestExecutor executor;

    @BeforeAll
    static void start() throws IOException {
        bucket = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        bucket.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                JsonNode event = Json.mapper().readTree(in.readAllBytes());
                int status = bucketStatus;
                if (status == 200) {
                    stored.add(event.path("event_data").path("event_id").asText());
                }
                exchange.sendResponseHeaders(status, -1);
            }
        });
        bucket.start();
        var config = new HashMap<String, String>();
        config.putAll(Map.of("security.tokens.0.token", "op-secret", "security.tokens.0.identity", "operator",
                "security.tokens.1.token", "core-secret", "security.tokens.1.identity", "bhiv_core",
                "security.tokens.2.token", "exec-secret", "security.tokens.2.identity", "workflow_executor"));
        config.put("integrations.bucket.enabled", "true");
        config.put("integrations.bucket.url", "http://localhost:" + bucket.getAddress().getPort());
        executor = TestExecutor.start(config);
    }

    @AfterAll
    static void stop() {
        executor.close();
        bucket.stop(0);
    }

    @Test
    void latestExecutionsAreFilteredByStatusActionTypeAndUserAndPagedNewestFirst() {
        for (int i = 0; i < 3; i++) {
            assertThat(executor.execute(task("list-a-" + i, "alice"), "Authorization", CORE).status()).isEqualTo(200);
        }
        assertThat(executor.execute(task("list-b-0", "bob"), "Authorization", CORE).status()).isEqualTo(200);
        assertThat(executor.execute(whatsapp("list-b-1", "bob", "not-a-number"), "Authorization", CORE).status()).isEqualTo(200);

        JsonNode first = executor.get("/api/workflow/executions?user_id=alice&limit=2", "Authorization", CORE).json();
        assertThat(traces(first)).containsExactly("list-a-2", "list-a-1");
        JsonNode second = executor.get("/api/workflow/executions?user_id=alice&limit=2&cursor="
                + first.path("next_cursor").asText(), "Authorization", CORE).json();
        assertThat(traces(second)).containsExactly("list-a-0");
        assertThat(second.path("next_cursor").isNull()).isTrue();

        JsonNode failed = executor.get("/api/workflow/executions?status=failed&user_id=bob", "Authorization", OPERATOR).json();
        assertThat(traces(failed)).containsExactly("list-b-1");
        assertThat(failed.path("executions").get(0).path("action_type").asText()).isEqualTo("whatsapp");
        JsonNode tasks = executor.get("/api/workflow/executions?action_type=task&user_id=bob", "Authorization", OPERATOR).json();
        assertThat(traces(tasks)).containsExactly("list-b-0");
        JsonNode future = executor.get("/api/workflow/executions?since=2999-01-01T00:00:00Z", "Authorization", OPERATOR).json();
        assertThat(future.path("executions")).isEmpty();
    }

    @Test
    void invalidFiltersAreRefusedNamingEveryField() {
        Answer answer = executor.get("/api/workflow/executions?status=done&since=yesterday&limit=0&cursor=zz",
                "Authorization", OPERATOR);

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("status", "since", "limit", "cursor");
    }

    @Test
    void onlyTheOperatorMayListOrRedeliverDeadEvents() {
        assertThat(executor.get("/api/workflow/dead-events").status()).isEqualTo(401);
        assertThat(executor.get("/api/workflow/dead-events", "Authorization", CORE).status()).isEqualTo(403);
        assertThat(executor.send("POST", "/api/workflow/dead-events/redeliver", null, null,
                "Authorization", "Bearer exec-secret").status()).isEqualTo(403);
        assertThat(executor.send("POST", "/api/workflow/dead-events/1/redeliver", null, null).status()).isEqualTo(401);
        assertThat(executor.get("/api/workflow/executions").status()).isEqualTo(401);
    }

    @Test
    void deadEventsAreListedCountedAndRedeliveredExactlyOnce() {
        bucketStatus = 422;
        for (int i = 0; i < 3; i++) {
            assertThat(executor.execute(task("dead-" + i, "carol"), "Authorization", CORE).status()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> deadOf("dead-").size() == 3);
        JsonNode listed = executor.get("/api/workflow/dead-events?sink=bucket&trace_id=dead-0", "Authorization", OPERATOR).json();
        assertThat(listed.path("dead_events")).hasSize(1);
        JsonNode dead = listed.path("dead_events").get(0);
        assertThat(dead.path("last_error").asText()).contains("422");
        assertThat(listed.path("depth").path("bucket").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(metrics()).containsPattern("outbox_dead\\{[^}]*sink=\"bucket\"[^}]*} [1-9]");

        bucketStatus = 200;
        long id = dead.path("id").asLong();
        Answer one = executor.send("POST", "/api/workflow/dead-events/" + id + "/redeliver", null, null,
                "Authorization", OPERATOR);
        Answer again = executor.send("POST", "/api/workflow/dead-events/" + id + "/redeliver", null, null,
                "Authorization", OPERATOR);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("redelivered").asBoolean()).isTrue();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("redelivered").asBoolean()).isFalse();
        assertThat(again.json().path("state").asText()).isIn("pending", "delivered");

        Answer rest = executor.send("POST", "/api/workflow/dead-events/redeliver?sink=bucket", null, null,
                "Authorization", OPERATOR);
        assertThat(rest.status()).isEqualTo(200);
        assertThat(rest.json().path("redelivered").asInt()).isGreaterThanOrEqualTo(2);
        Answer none = executor.send("POST", "/api/workflow/dead-events/redeliver?sink=bucket&trace_id=dead-1", null, null,
                "Authorization", OPERATOR);
        assertThat(none.json().path("redelivered").asInt()).isZero();

        await().atMost(Duration.ofSeconds(20)).until(() -> deliveredOf("dead-") == 3);
        assertThat(deadOf("dead-")).isEmpty();
        assertThat(stored.stream().filter(e -> stored.indexOf(e) != stored.lastIndexOf(e))).as("stored twice").isEmpty();
        assertThat(executor.send("POST", "/api/workflow/dead-events/" + id + "/redeliver", null, null,
                "Authorization", OPERATOR).json().path("state").asText()).isEqualTo("delivered");
        assertThat(executor.send("POST", "/api/workflow/dead-events/987654321/redeliver", null, null,
                "Authorization", OPERATOR).status()).isEqualTo(404);
        assertThat(metrics()).containsPattern("integration_redeliveries_total\\{[^}]*sink=\"bucket\"[^}]*} [3-9]");
    }

    private static List<JsonNode> deadOf(String tracePrefix) {
        List<JsonNode> result = new ArrayList<>();
        executor.get("/api/workflow/dead-events?sink=bucket&limit=500", "Authorization", OPERATOR).json()
                .path("dead_events").forEach(e -> {
                    if (e.path("trace_id").asText().startsWith(tracePrefix)) {
                        result.add(e);
                    }
                });
        return result;
    }

    private static long deliveredOf(String tracePrefix) {
        return List.of(0, 1, 2).stream().map(i -> executor.get("/api/workflow/executions/" + tracePrefix + i,
                        "Authorization", OPERATOR).json().path("executions").get(0).path("deliveries").path("bucket"))
                .filter(d -> d.path("state").asText().equals("delivered")).count();
    }

    private static String metrics() {
        return executor.get("/observe/metrics").text();
    }

    private static List<String> traces(JsonNode page) {
        var found = new ArrayList<String>();
        page.path("executions").forEach(e -> found.add(e.path("trace_id").asText()));
        return found;
    }

    private static String task(String traceId, String user) {
        return "{\"trace_id\":\"" + traceId + "\",\"decision\":\"workflow\",\"data\":{\"workflow_type\":\"workflow\","
                + "\"payload\":{\"action_type\":\"task\",\"title\":\"Review\",\"user_id\":\"" + user + "\"}}}";
    }

    private static String whatsapp(String traceId, String user, String phone) {
        return "{\"trace_id\":\"" + traceId + "\",\"decision\":\"workflow\",\"data\":{\"workflow_type\":\"workflow\","
                + "\"payload\":{\"action_type\":\"whatsapp\",\"recipient\":\"" + phone + "\",\"message\":\"hi\",\"user_id\":\""
                + user + "\"}}}";
    }
}

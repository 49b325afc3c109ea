package org.bhiv.core;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.WebServer;
import org.bhiv.server.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first hop of the end-to-end trace, with the real services and tokens on everywhere:
 * Core's decision is executed by the real executor under Core's task_id (through core-bridge),
 * Core's agent_result event is stored by the real Bucket as {@code bhiv_core}, and the
 * executor's workflow_execution event joins it there under the same id.
 */
class CoreTraceTest {

    private static final String CORE_TOKEN = "core-secret";
    private static final String EXECUTOR_TOKEN = "executor-secret";
    private static final Map<String, String> TOKENS = Map.of(
            "security.tokens.0.token", CORE_TOKEN, "security.tokens.0.identity", "bhiv_core",
            "security.tokens.1.token", EXECUTOR_TOKEN, "security.tokens.1.identity", "workflow_executor");

    @TempDir
    static Path dataDir;

    private static WebServer executor;
    private static WebServer bucket;
    private static CoreClient core;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        bucket = org.bhiv.bucket.Main.start(ServiceConfigs.of(org.bhiv.bucket.Main.class, TOKENS));
        var executorConfig = new java.util.HashMap<>(TOKENS);
        executorConfig.put("executor.store.data-dir", dataDir.toString());
        executorConfig.put("integrations.bucket.url", "http://127.0.0.1:" + bucket.port());
        executorConfig.put("integrations.bucket.token", EXECUTOR_TOKEN);
        executorConfig.put("integrations.karma.enabled", "false");
        executor = org.bhiv.executor.Main.start(ServiceConfigs.of(org.bhiv.executor.Main.class, executorConfig));
        core = CoreClient.start(Map.of(
                "workflow-executor.url", "http://127.0.0.1:" + executor.port(),
                "workflow-executor.token", CORE_TOKEN,
                "bucket.url", "http://127.0.0.1:" + bucket.port(),
                "bucket.token", CORE_TOKEN));
    }

    @AfterAll
    static void stop() {
        core.close();
        executor.stop();
        bucket.stop();
    }

    private static JsonNode get(WebServer server, String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + CORE_TOKEN).timeout(Duration.ofSeconds(5)).GET().build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? Json.mapper().readTree(response.body()) : Json.mapper().createObjectNode();
    }

    private static String handle(String input) {
        var answer = core.postTask("{\"agent\":\"edumentor_agent\",\"input\":\"" + input + "\",\"user_id\":\"user-1\"}");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("status").asText()).isEqualTo("success");
        return answer.body().path("task_id").asText();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Create a task to review the auth module           | task     | title  | Review the auth module",
            "Email alice@example.com about the launch saying hi | email    | to     | alice@example.com",
            "Send a WhatsApp to +91 98765 43210 saying hello   | whatsapp | to     | +919876543210",
            "Explain recursion simply                          | ai       | prompt | Explain recursion simply"})
    void coreDecisionIsExecutedByTheExecutorUnderTheTaskId(String input, String actionType, String recordedField,
                                                           String recordedValue) {
        String taskId = handle(input);

        JsonNode recorded = await().atMost(Duration.ofSeconds(5)).until(() -> get(executor, "/api/sandbox/" + taskId),
                node -> node.path("records").size() == 1);
        var record = recorded.path("records").get(0);
        assertThat(record.path("trace_id").asText()).isEqualTo(taskId);
        assertThat(record.path("action_type").asText()).isEqualTo(actionType);
        assertThat(record.path("content").path(recordedField).asText()).isEqualTo(recordedValue);
    }

    @Test
    void agentResultIsStoredInBucketAsBhivCoreUnderTheTaskId() {
        String taskId = handle("add a todo: water the plants");

        JsonNode events = await().atMost(Duration.ofSeconds(5)).until(
                () -> get(bucket, "/core/events?trace_id=" + taskId + "&event_type=agent_result"),
                node -> node.path("count").asInt() == 1);
        var event = events.path("events").get(0);
        assertThat(event.path("requester_id").asText()).isEqualTo("bhiv_core");
        assertThat(event.path("event_id").asText()).isEqualTo("agent_result:" + taskId);
        assertThat(event.path("trace_id").asText()).isEqualTo(taskId);
        assertThat(event.path("agent").asText()).isEqualTo("edumentor_agent");
        assertThat(event.path("decision").asText()).isEqualTo("task");
        assertThat(event.path("user_id").asText()).isEqualTo("user-1");
        assertThat(event.path("hash").asText()).hasSize(64);
        assertThat(event.toString()).doesNotContain("water the plants");
    }

    @Test
    void oneTaskIdLinksCoresAgentResultAndTheExecutorsWorkflowExecutionInBucket() {
        String taskId = handle("Create a task to prepare the demo");

        JsonNode events = await().atMost(Duration.ofSeconds(10)).until(
                () -> get(bucket, "/core/events?trace_id=" + taskId),
                node -> node.path("count").asInt() == 2);
        var byType = new java.util.HashMap<String, JsonNode>();
        events.path("events").forEach(event -> byType.put(event.path("event_type").asText(), event));
        assertThat(byType).containsOnlyKeys("agent_result", "workflow_execution");
        assertThat(byType.get("agent_result").path("requester_id").asText()).isEqualTo("bhiv_core");
        var execution = byType.get("workflow_execution");
        assertThat(execution.path("requester_id").asText()).isEqualTo("workflow_executor");
        assertThat(execution.path("trace_id").asText()).isEqualTo(taskId);
        assertThat(execution.path("action_type").asText()).isEqualTo("task");
        assertThat(execution.path("status").asText()).isEqualTo("success");
        assertThat(execution.path("user_id").asText()).isEqualTo("user-1");
    }

    @Test
    void healthShowsTheExecutorReachableAndNothingFailed() {
        handle("summarise the week");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            var health = core.get("/health").body();
            assertThat(health.path("workflow_executor").path("reachable").asBoolean()).isTrue();
            assertThat(health.path("workflow_executor").path("delivered").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(health.path("workflow_executor").path("failed").asLong()).isZero();
            assertThat(health.path("bucket_events").path("delivered").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(health.path("bucket_events").path("failed").asLong()).isZero();
        });
    }
}

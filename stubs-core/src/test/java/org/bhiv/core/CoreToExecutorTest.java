package org.bhiv.core;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.WebServer;
import org.bhiv.bridge.testing.Ports;
import org.bhiv.server.Configs;
import org.bhiv.server.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first hop of the end-to-end trace: Core's decision, fired through core-bridge, executed
 * by the real executor (sandbox providers, tokens on) under Core's task_id.
 */
class CoreToExecutorTest {

    private static final String CORE_TOKEN = "core-secret";

    @TempDir
    static Path dataDir;

    private static WebServer executor;
    private static CoreClient core;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        Map<String, String> config = new HashMap<>();
        config.put("server.port", "0");
        config.put("logging.file", "");
        config.put("executor.store.data-dir", dataDir.toString());
        config.put("integrations.bucket.enabled", "false");
        config.put("integrations.karma.enabled", "false");
        config.put("security.tokens.0.token", CORE_TOKEN);
        config.put("security.tokens.0.identity", "bhiv_core");
        executor = org.bhiv.executor.Main.start(Configs.create(config));
        core = CoreClient.start(Map.of("workflow-executor.url", "http://127.0.0.1:" + executor.port(),
                "workflow-executor.token", CORE_TOKEN, "bucket.url", Ports.closedPortUri()));
    }

    @AfterAll
    static void stop() {
        core.close();
        executor.stop();
    }

    /** What the executor's sandbox recorded for a trace id; empty node while nothing is. */
    private static JsonNode sandbox(String traceId) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + executor.port() + "/api/sandbox/" + traceId))
                .header("Authorization", "Bearer " + CORE_TOKEN).timeout(Duration.ofSeconds(5)).GET().build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? Json.mapper().readTree(response.body()) : Json.mapper().createObjectNode();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Create a task to review the auth module           | task     | title     | Review the auth module",
            "Email alice@example.com about the launch saying hi | email    | to        | alice@example.com",
            "Send a WhatsApp to +91 98765 43210 saying hello   | whatsapp | to        | +919876543210",
            "Explain recursion simply                          | ai       | prompt    | Explain recursion simply"})
    void coreDecisionIsExecutedByTheExecutorUnderTheTaskId(String input, String actionType, String recordedField,
                                                           String recordedValue)
            throws Exception {
        var answer = core.postTask("{\"agent\":\"edumentor_agent\",\"input\":\"" + input + "\",\"user_id\":\"user-1\"}");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("agent_output").path("workflow_action_type").asText()).isEqualTo(actionType);
        String taskId = answer.body().path("task_id").asText();

        JsonNode recorded = await().atMost(Duration.ofSeconds(5)).until(() -> sandbox(taskId),
                node -> node.path("records").size() == 1);
        var record = recorded.path("records").get(0);
        assertThat(record.path("trace_id").asText()).isEqualTo(taskId);
        assertThat(record.path("action_type").asText()).isEqualTo(actionType);
        assertThat(record.path("content").path(recordedField).asText()).isEqualTo(recordedValue);
        await().atMost(Duration.ofSeconds(5)).until(() ->
                core.get("/health").body().path("workflow_executor").path("reachable").asBoolean());
    }
}

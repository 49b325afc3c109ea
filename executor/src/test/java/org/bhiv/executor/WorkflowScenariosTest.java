package org.bhiv.executor;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.server.Configs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * End-to-end behaviour of one executor: the seed guide's example, determinism, tasks,
 * sandbox records and health counters.
 */
class WorkflowScenariosTest {

    /** The seed integration guide's "Step 3" curl body, verbatim: trace_id only at the top level. */
    private static final String GUIDE_EXAMPLE = """
            {
                "trace_id": "test_123",
                "decision": "workflow",
                "data": {
                  "workflow_type": "workflow",
                  "payload": {
                    "action_type": "task",
                    "user_id": "test_user",
                    "title": "Test Task",
                    "description": "Testing workflow integration"
                  }
                }
              }""";

    private static TestExecutor executor;
    private static TestExecutor secured;

    @BeforeAll
    static void start() {
        executor = TestExecutor.start(Map.of("executor.environment", "test", "executor.version", "9.9.9"));
        secured = TestExecutor.start(Map.of(
                "security.tokens.0.token", "core-secret", "security.tokens.0.identity", "bhiv_core",
                "security.tokens.1.token", "karma-secret", "security.tokens.1.identity", "workflow_executor"));
    }

    @AfterAll
    static void stop() {
        executor.close();
        secured.close();
    }

    @Test
    void guideExampleWithoutPayloadTraceIdSucceedsAndCreatesAReadableTask() {
        var answer = executor.execute(GUIDE_EXAMPLE);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode result = answer.json().path("execution_result");
        assertThat(answer.json().path("trace_id").asText()).isEqualTo("test_123");
        assertThat(answer.json().path("status").asText()).isEqualTo("success");
        assertThat(result.path("task_status").asText()).isEqualTo("CREATED");
        String taskId = result.path("task_id").asText();
        assertThat(taskId).matches("task_[0-9a-f]{16}");
        assertThat(result.path("reference").asText()).isEqualTo("local://tasks/" + taskId);

        var task = executor.get("/api/tasks/" + taskId);
        assertThat(task.status()).isEqualTo(200);
        assertThat(task.json().path("task_id").asText()).isEqualTo(taskId);
        assertThat(task.json().path("trace_id").asText()).isEqualTo("test_123");
        assertThat(task.json().path("title").asText()).isEqualTo("Test Task");
        assertThat(task.json().path("description").asText()).isEqualTo("Testing workflow integration");
        assertThat(task.json().path("user_id").asText()).isEqualTo("test_user");
        assertThat(task.json().path("task_status").asText()).isEqualTo("CREATED");
    }

    @Test
    void originalFormWithEqualPayloadTraceIdSucceeds() {
        var answer = executor.execute(GUIDE_EXAMPLE.replace("test_123", "test_124")
                .replace("\"action_type\": \"task\",", "\"action_type\": \"task\", \"trace_id\": \"test_124\","));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("status").asText()).isEqualTo("success");
        assertThat(answer.json().path("execution_result").path("trace_id").asText()).isEqualTo("test_124");
    }

    @Test
    void sameRequestTwiceGivesTheSameResultExceptTimestamps() {
        int n = 0;
        for (String payload : new String[] {
                "{\"action_type\":\"task\",\"title\":\"Twice\"}",
                "{\"action_type\":\"whatsapp\",\"recipient\":\"+15551234567\",\"message\":\"hi\"}",
                "{\"action_type\":\"email\",\"recipient\":\"a@b.org\",\"subject\":\"s\",\"body\":\"b\"}",
                "{\"action_type\":\"ai\",\"prompt\":\"why\"}",
                "{\"action_type\":\"email\",\"recipient\":\"a@b.org\"}"}) {
            // one trace per payload: a trace_id is an idempotency key, reusing it for another body is a 422
            String body = "{\"trace_id\":\"twice-" + (++n) + "\",\"decision\":\"workflow\",\"data\":{\"workflow_type\":\"workflow\","
                    + "\"payload\":" + payload + "}}";
            var first = executor.execute(body);
            var second = executor.execute(body);

            assertThat(first.status()).isEqualTo(200);
            assertThat(second.status()).isEqualTo(200);
            assertThat(withoutTimestamps(second.json())).isEqualTo(withoutTimestamps(first.json()));
        }
    }

    @Test
    void idempotencyKeyHeaderDrivesTheIdentifiers() {
        String body = "{\"trace_id\":\"keyed-1\",\"decision\":\"workflow\",\"data\":{\"workflow_type\":\"workflow\","
                + "\"payload\":{\"action_type\":\"task\",\"title\":\"K\"}}}";
        var byTrace = executor.execute(body);
        var byKey = executor.execute(body, "Idempotency-Key", "order-42");

        assertThat(byTrace.json().at("/execution_result/task_id").asText())
                .isNotEqualTo(byKey.json().at("/execution_result/task_id").asText());
        assertThat(byKey.json().at("/execution_result/task_id").asText())
                .isEqualTo(org.bhiv.executor.adapters.ExecutionIds.derive("task_", "order-42", "task"));
    }

    @Test
    void unknownTaskIsA404Problem() {
        var answer = executor.get("/api/tasks/task_0000000000000000");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("error_code").asText()).isEqualTo("task_not_found");
        assertThat(answer.json().path("detail").asText()).isEqualTo("task_not_found");
    }

    @Test
    void sandboxRecordsWhatWouldHaveBeenSent() {
        var sent = executor.execute("{\"trace_id\":\"sb-1\",\"decision\":\"workflow\",\"data\":{\"workflow_type\":\"workflow\","
                + "\"payload\":{\"action_type\":\"whatsapp\",\"recipient\":\"+15551234567\",\"message\":\"Hello\"}}}");
        assertThat(sent.status()).isEqualTo(200);

        var recorded = executor.get("/api/sandbox/sb-1");

        assertThat(recorded.status()).isEqualTo(200);
        JsonNode record = recorded.json().path("records").path(0);
        assertThat(record.path("action_type").asText()).isEqualTo("whatsapp");
        assertThat(record.path("provider_message_id").asText())
                .isEqualTo(sent.json().at("/execution_result/whatsapp_message_id").asText());
        assertThat(record.at("/content/to").asText()).isEqualTo("+15551234567");
        assertThat(record.at("/content/text").asText()).isEqualTo("Hello");
        assertThat(executor.get("/api/sandbox/nothing-here").status()).isEqualTo(404);
    }

    @Test
    void tasksAndSandboxNeedOperatorOrCoreWhenTokensAreConfigured() {
        assertThat(secured.get("/api/tasks/task_0000000000000000").status()).isEqualTo(401);
        assertThat(secured.get("/api/tasks/task_0000000000000000", "Authorization", "Bearer karma-secret").status())
                .isEqualTo(403);
        assertThat(secured.get("/api/tasks/task_0000000000000000", "Authorization", "Bearer core-secret").status())
                .isEqualTo(404);
        assertThat(secured.get("/api/sandbox/x").status()).isEqualTo(401);
        assertThat(secured.get("/api/sandbox/x", "Authorization", "Bearer core-secret").json().path("error_code").asText())
                .isEqualTo("sandbox_records_not_found");
    }

    @Test
    void healthReportsEnvironmentVersionAuthAndWorkflowCounters() {
        executor.execute("{\"trace_id\":\"h-skip\",\"decision\":\"insight\"}");

        var health = executor.get("/healthz");

        assertThat(health.status()).isEqualTo(200);
        JsonNode json = health.json();
        assertThat(json.path("status").asText()).isEqualTo("ok");
        assertThat(json.path("service").asText()).isEqualTo("workflow-executor");
        assertThat(json.path("environment").asText()).isEqualTo("test");
        assertThat(json.path("version").asText()).isEqualTo("9.9.9");
        assertThat(json.path("auth").asText()).isEqualTo("open");
        assertThat(json.path("timestamp").asText()).isNotBlank();
        assertThat(json.at("/store/ok").asBoolean()).isTrue();
        JsonNode workflows = json.path("workflows");
        assertThat(workflows.path("skipped").asLong()).isPositive();
        assertThat(workflows.path("replayed").asLong()).isNotNegative();
        assertThat(workflows.path("total").asLong()).isEqualTo(workflows.path("success").asLong()
                + workflows.path("failed").asLong() + workflows.path("skipped").asLong()
                + workflows.path("replayed").asLong());
    }

    @Test
    void unknownProviderNameFailsStartUpNamingTheKey(@TempDir Path dataDir) {
        assertThatThrownBy(() -> Main.start(Configs.create(Map.of("server.port", "0", "logging.file", "",
                "executor.store.data-dir", dataDir.toString(),
                "executor.adapters.email.provider", "carrier-pigeon"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("executor.adapters.email.provider")
                .hasMessageContaining("carrier-pigeon")
                .hasMessageContaining("sandbox");
    }

    private static JsonNode withoutTimestamps(JsonNode answer) {
        ObjectNode copy = answer.deepCopy();
        ObjectNode result = (ObjectNode) copy.path("execution_result");
        result.remove(java.util.List.of("timestamp", "sent_at", "created_at", "requested_at"));
        return copy;
    }
}

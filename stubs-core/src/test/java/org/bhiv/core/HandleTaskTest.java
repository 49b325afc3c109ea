package org.bhiv.core;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.bhiv.bridge.testing.FakeExecutor;
import org.bhiv.bridge.testing.RecordingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /handle_task} with an executor and a Bucket that answer: the answer, the
 * workflow fired under the task id, the agent_result event, and validation.
 */
class HandleTaskTest {

    private static FakeExecutor executor;
    private static RecordingServer bucket;
    private static CoreClient core;

    @BeforeAll
    static void start() {
        executor = FakeExecutor.start();
        bucket = RecordingServer.answering(200, "{\"success\":true,\"message\":\"Event received\",\"seq\":1}");
        core = CoreClient.start(Map.of(
                "workflow-executor.url", executor.baseUri(),
                "workflow-executor.token", "core-to-executor",
                "bucket.url", bucket.baseUri(),
                "bucket.token", "core-to-bucket"));
    }

    @AfterAll
    static void stop() {
        core.close();
        executor.close();
        bucket.close();
    }

    @Test
    void taskRequestAnswersAtOnceAndFiresTheWorkflowUnderTheTaskId() {
        var answer = core.postTask("""
                {"agent":"edumentor_agent","input":"Create a task to review the auth module","user_id":"user-1"}""");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("status").asText()).isEqualTo("success");
        String taskId = answer.body().path("task_id").asText();
        assertThat(UUID.fromString(taskId).toString()).isEqualTo(taskId);
        var output = answer.body().path("agent_output");
        assertThat(output.path("response").asText()).isEqualTo("Task requested: Review the auth module");
        assertThat(output.path("requires_workflow").asBoolean()).isTrue();
        assertThat(output.path("workflow_action_type").asText()).isEqualTo("task");
        assertThat(output.path("workflow_payload").path("title").asText()).isEqualTo("Review the auth module");

        var sent = await().atMost(Duration.ofSeconds(5)).until(() -> executor.received().stream()
                .filter(r -> r.body().path("trace_id").asText().equals(taskId)).findFirst(), java.util.Optional::isPresent).get();
        assertThat(sent.header("Authorization")).isEqualTo("Bearer core-to-executor");
        assertThat(sent.header("X-Trace-Id")).isEqualTo(taskId);
        var payload = sent.body().path("data").path("payload");
        assertThat(payload.path("action_type").asText()).isEqualTo("task");
        assertThat(payload.path("title").asText()).isEqualTo("Review the auth module");
        assertThat(payload.path("user_id").asText()).isEqualTo("user-1");
        assertThat(payload.path("trace_id").asText()).isEqualTo(taskId);
    }

    @Test
    void workflowDecisionWritesAnAgentResultEventToBucketAsBhivCore() {
        var answer = core.postTask("""
                {"agent":"edumentor_agent","input":"Email alice@example.com about the launch","user_id":"user-2",\
                "tags":["launch"]}""");
        String taskId = answer.body().path("task_id").asText();

        var event = await().atMost(Duration.ofSeconds(5)).until(() -> bucket.received().stream()
                .filter(r -> r.body().path("event_data").path("trace_id").asText().equals(taskId)).findFirst(),
                java.util.Optional::isPresent).get();
        assertThat(event.method()).isEqualTo("POST");
        assertThat(event.path()).isEqualTo("/core/write-event");
        assertThat(event.authorization()).isEqualTo("Bearer core-to-bucket");
        assertThat(event.traceId()).isEqualTo(taskId);
        assertThat(event.body().path("requester_id").asText()).isEqualTo("bhiv_core");
        var data = event.body().path("event_data");
        assertThat(data.path("event_id").asText()).isEqualTo("agent_result:" + taskId);
        assertThat(data.path("event_type").asText()).isEqualTo("agent_result");
        assertThat(data.path("agent").asText()).isEqualTo("edumentor_agent");
        assertThat(data.path("decision").asText()).isEqualTo("email");
        assertThat(data.path("user_id").asText()).isEqualTo("user-2");
        assertThat(data.path("tags").get(0).asText()).isEqualTo("launch");
        assertThat(data.path("timestamp").asText()).isNotBlank();
        assertThat(data.path("input").path("redacted").asBoolean()).isTrue();
        assertThat(data.path("input").path("hmac_sha256").asText()).hasSize(64)
                .as("keyed: not the plain SHA-256 of the input")
                .isNotEqualTo(org.bhiv.server.Hashing.sha256Hex("Email alice@example.com about the launch"));
        assertThat(data.path("input").has("sha256")).isFalse();
        assertThat(data.toString()).doesNotContain("alice@example.com");
    }

    @Test
    void respondDecisionFiresNoWorkflowAndWritesNoEvent() {
        var respond = core.postTask("{\"agent\":\"edumentor_agent\",\"input\":\"Hello there\"}");
        assertThat(respond.status()).isEqualTo(200);
        assertThat(respond.body().path("agent_output").path("requires_workflow").asBoolean()).isFalse();
        assertThat(respond.body().path("agent_output").path("workflow_action_type").isNull()).isTrue();
        String respondId = respond.body().path("task_id").asText();

        // A later workflow request is a marker: once it has arrived, an earlier one would have too.
        String markerId = core.postTask("{\"agent\":\"a\",\"input\":\"explain monads\"}").body().path("task_id").asText();
        await().atMost(Duration.ofSeconds(5)).until(() -> executor.received().stream()
                .anyMatch(r -> r.body().path("trace_id").asText().equals(markerId)));
        await().atMost(Duration.ofSeconds(5)).until(() -> bucket.received().stream()
                .anyMatch(r -> r.body().path("event_data").path("trace_id").asText().equals(markerId)));

        assertThat(executor.received()).noneMatch(r -> r.body().path("trace_id").asText().equals(respondId));
        assertThat(bucket.received()).noneMatch(r -> r.body().path("event_data").path("trace_id").asText().equals(respondId));
    }

    @Test
    void missingAgentAndInputAreBothNamed() {
        var answer = core.postTask("{}");

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().path("error_code").asText()).isEqualTo("invalid_task_request");
        assertThat(answer.body().path("detail").asText()).isEqualTo("invalid_task_request");
        assertThat(answer.body().path("errors").toString())
                .contains("{\"field\":\"agent\",\"message\":\"is required\"}")
                .contains("{\"field\":\"input\",\"message\":\"is required\"}");
    }

    @Test
    void aUserIdTheExecutorWouldRefuseIsRefusedByCoreFirst() {
        for (String userId : new String[] {"u\\u202eser", "u\\u2028ser"}) {
            var answer = core.postTask("{\"agent\":\"a\",\"input\":\"create a task to review\",\"user_id\":\"" + userId + "\"}");

            assertThat(answer.status()).as(userId).isEqualTo(422);
            assertThat(answer.body().path("errors").get(0).path("field").asText()).isEqualTo("user_id");
        }
    }

    @Test
    void wrongTypesAndLimitsAreNamedField() {
        var answer = core.postTask("""
                {"agent":5,"input":"%s","user_id":"","tags":["ok",7]}""".formatted("x".repeat(4001)));

        assertThat(answer.status()).isEqualTo(422);
        var errors = answer.body().path("errors");
        assertThat(errors).hasSize(4);
        assertThat(errors.toString())
                .contains("{\"field\":\"agent\",\"message\":\"must be a non-empty string\"}")
                .contains("{\"field\":\"input\",\"message\":\"must be at most 4000 characters\"}")
                .contains("\"field\":\"user_id\"")
                .contains("\"field\":\"tags[1]\"");
    }

    @Test
    void agentNameWithSpacesIsRefused() {
        var answer = core.postTask("{\"agent\":\"my agent\",\"input\":\"hi\"}");

        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body().path("errors").get(0).path("field").asText()).isEqualTo("agent");
    }

    @Test
    void malformedJsonIs400() {
        var answer = core.postTask("{\"agent\":");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("error_code").asText()).isEqualTo("malformed_json");
    }

    @Test
    void nonJsonContentTypeIs415() {
        var answer = core.post("/handle_task", "text/plain", "hello");

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.body().path("error_code").asText()).isEqualTo("unsupported_media_type");
    }

    @Test
    void healthReportsTheReachableExecutorAndTheBridgesCounters() {
        core.postTask("{\"agent\":\"a\",\"input\":\"add a todo: water plants\"}");
        // reachable is the background probe's last answer; the first probe runs as Core starts.
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            var executor = core.get("/health").body().path("workflow_executor");
            return executor.path("delivered").asLong() >= 1 && executor.path("reachable").asBoolean();
        });

        var health = core.get("/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asText()).isEqualTo("healthy");
        assertThat(health.body().path("uptime_seconds").isIntegralNumber()).isTrue();
        var executorHealth = health.body().path("workflow_executor");
        assertThat(executorHealth.path("reachable").asBoolean()).isTrue();
        assertThat(executorHealth.path("sent").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(executorHealth.path("failed").asLong()).isZero();
        assertThat(executorHealth.path("dropped").asLong()).isZero();
        assertThat(executorHealth.has("in_flight")).isTrue();
    }
}

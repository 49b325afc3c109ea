package org.bhiv.bridge;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.WebServer;
import org.bhiv.bridge.WorkflowOutcome.Delivered;
import org.bhiv.bridge.WorkflowOutcome.ExecutionStatus;
import org.bhiv.bridge.WorkflowOutcome.Rejected;
import org.bhiv.bridge.testing.ResettingProxy;
import org.bhiv.server.Configs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge against the real Workflow Executor, started in-process on a random port with
 * tokens configured (as in the local stack) and sandbox providers.
 */
class RealExecutorTest {

    private static final String CORE_TOKEN = "core-secret";
    private static final String EXECUTOR_IDENTITY_TOKEN = "executor-secret";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private static WebServer server;
    private static String baseUri;
    private static WorkflowClient client;
    private static final HttpClient probe = HttpClient.newHttpClient();

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
        config.put("security.tokens.1.token", EXECUTOR_IDENTITY_TOKEN);
        config.put("security.tokens.1.identity", "workflow_executor");
        server = org.bhiv.executor.Main.start(Configs.create(config));
        baseUri = "http://127.0.0.1:" + server.port();
        client = WorkflowClient.builder().baseUri(baseUri).token(CORE_TOKEN).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.stop();
    }

    private static WorkflowOutcome outcomeOf(CompletionStage<WorkflowOutcome> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static JsonNode get(String path) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(baseUri + path)).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + CORE_TOKEN).GET().build();
        HttpResponse<String> response = probe.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return MAPPER.readTree(response.body());
    }

    private static long successfulExecutions() throws Exception {
        return get("/healthz").path("workflows").path("success").asLong();
    }

    @Test
    void taskWorkflowIsDeliveredWithTheExecutorsAnswerAndTheTaskExists() throws Exception {
        var outcome = outcomeOf(client.executeWorkflow("real-task-1", "task",
                Map.of("title", "Review code", "description", "auth module"), "user-1"));

        assertThat(outcome).isInstanceOf(Delivered.class);
        var delivered = (Delivered) outcome;
        assertThat(delivered.statusCode()).isEqualTo(200);
        assertThat(delivered.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(delivered.replayed()).isFalse();
        assertThat(delivered.executionResult())
                .containsEntry("success", true)
                .containsEntry("trace_id", "real-task-1")
                .containsEntry("task_status", "CREATED");
        String taskId = (String) delivered.executionResult().get("task_id");
        assertThat(taskId).matches("task_[0-9a-f]{16}");
        assertThat(delivered.executionResult()).containsEntry("reference", "local://tasks/" + taskId);

        var task = get("/api/tasks/" + taskId);
        assertThat(task.toString()).contains("Review code");
    }

    @Test
    void adapterValidationFailureIsDeliveredAsFailedWithTheExecutorsErrorCode() throws Exception {
        var outcome = (Delivered) outcomeOf(client.executeWorkflow("real-wa-1", "whatsapp",
                Map.of("recipient", "not-a-phone", "message", "hi"), null));

        assertThat(outcome.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(outcome.executionResult())
                .containsEntry("success", false)
                .containsEntry("error_code", "invalid_recipient")
                .containsEntry("retryable", false);
    }

    @Test
    void unknownActionTypeIsTheExecutorsVerdictNotTheBridges() throws Exception {
        var outcome = (Delivered) outcomeOf(client.executeWorkflow("real-fax-1", "fax", Map.of("to", "x"), null));

        assertThat(outcome.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(outcome.executionResult()).containsEntry("error_code", "unsupported_action_type");
    }

    @Test
    void traceIdTheExecutorRefusesComesBackRejectedWithItsProblem() throws Exception {
        // A zero-width space: the bridge's minimal local check lets it through, the executor's shape check does not.
        var outcome = outcomeOf(client.executeWorkflow("real\u200Btrace", "task", Map.of("title", "x"), null));

        assertThat(outcome).isInstanceOf(Rejected.class);
        var rejected = (Rejected) outcome;
        assertThat(rejected.local()).isFalse();
        assertThat(rejected.statusCode()).isEqualTo(422);
        assertThat(rejected.attempts()).isEqualTo(1);
        assertThat(rejected.problem().status()).isEqualTo(422);
        assertThat(rejected.problem().errorCode()).isEqualTo("invalid_trace_id");
        assertThat(rejected.problem().detail()).isEqualTo("invalid_trace_id");
        assertThat(rejected.problem().type()).isEqualTo("urn:bhiv:problem:invalid_trace_id");
        assertThat(rejected.problem().errors()).hasSize(1);
        assertThat(rejected.problem().errors().getFirst().field()).isEqualTo("trace_id");
    }

    @Test
    void missingTokenIsRejectedUnauthenticated() throws Exception {
        try (WorkflowClient anonymous = client.newBuilder().token(null).build()) {
            var outcome = (Rejected) outcomeOf(anonymous.executeWorkflow("real-anon-1", "task", Map.of("title", "x"), null));

            assertThat(outcome.statusCode()).isEqualTo(401);
            assertThat(outcome.problem().errorCode()).isEqualTo("unauthenticated");
        }
    }

    @Test
    void executorsOwnIdentityMayNotTriggerWorkflows() throws Exception {
        try (WorkflowClient wrongIdentity = client.newBuilder().token(EXECUTOR_IDENTITY_TOKEN).build()) {
            var outcome = (Rejected) outcomeOf(wrongIdentity.executeWorkflow("real-403-1", "task", Map.of("title", "x"), null));

            assertThat(outcome.statusCode()).isEqualTo(403);
            assertThat(outcome.problem().errorCode()).isEqualTo("forbidden");
        }
    }

    @Test
    void retryAfterAConnectionResetReachesTheExecutorOnceUnderTheSameTraceId() throws Exception {
        long before = successfulExecutions();
        try (ResettingProxy proxy = ResettingProxy.inFrontOf(server.port());
             WorkflowClient viaProxy = client.newBuilder().baseUri(proxy.baseUri()).build()) {
            var outcome = (Delivered) outcomeOf(viaProxy.executeWorkflow("real-reset-1", "task",
                    Map.of("title", "Reset once"), "user-1"));

            assertThat(outcome.attempts()).isEqualTo(2);
            assertThat(outcome.succeeded()).isTrue();
            assertThat(outcome.executionResult()).containsEntry("trace_id", "real-reset-1");
            assertThat(proxy.connections()).isEqualTo(2);
            assertThat(viaProxy.stats().retried()).isEqualTo(1);
        }
        assertThat(successfulExecutions() - before).as("the adapter ran once").isEqualTo(1);
        var recorded = get("/api/sandbox/real-reset-1");
        assertThat(recorded.path("records")).hasSize(1);
    }

    @Test
    void sameTraceIdTwiceIsReplayedAndTheAdapterRunsOnce() throws Exception {
        long before = successfulExecutions();
        var first = (Delivered) outcomeOf(client.executeWorkflow("real-twice-1", "task", Map.of("title", "Once"), "u"));
        var second = (Delivered) outcomeOf(client.executeWorkflow("real-twice-1", "task", Map.of("title", "Once"), "u"));

        assertThat(first.replayed()).isFalse();
        assertThat(second.replayed()).isTrue();
        assertThat(second.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(second.executionResult().get("task_id")).isEqualTo(first.executionResult().get("task_id"));
        assertThat(successfulExecutions() - before).as("the adapter ran once").isEqualTo(1);
        assertThat(get("/api/workflow/executions/real-twice-1").path("executions")).hasSize(1);
    }

    @Test
    void answerLostAfterTheTaskWasCreatedIsRetriedAndTheTaskIsCreatedOnce() throws Exception {
        long before = successfulExecutions();
        try (ResettingProxy proxy = ResettingProxy.losingFirstAnswer(server.port());
             WorkflowClient viaProxy = client.newBuilder().baseUri(proxy.baseUri()).build()) {
            var outcome = (Delivered) outcomeOf(viaProxy.executeWorkflow("real-lost-1", "task",
                    Map.of("title", "Lost answer"), "user-1"));

            assertThat(outcome.attempts()).isEqualTo(2);
            assertThat(outcome.succeeded()).isTrue();
            assertThat(outcome.replayed()).as("the retry got the stored answer").isTrue();
            assertThat(outcome.executionResult().get("task_id").toString()).matches("task_[0-9a-f]{16}");
        }
        assertThat(successfulExecutions() - before).as("the task was created once").isEqualTo(1);
        var executions = get("/api/workflow/executions/real-lost-1").path("executions");
        assertThat(executions).hasSize(1);
        assertThat(executions.get(0).path("status").asText()).isEqualTo("success");
        assertThat(get("/api/sandbox/real-lost-1").path("records")).hasSize(1);
    }

    @Test
    void healthIsTrueAgainstTheRealExecutor() throws Exception {
        assertThat(client.health().toCompletableFuture().get(5, TimeUnit.SECONDS)).isTrue();
    }
}

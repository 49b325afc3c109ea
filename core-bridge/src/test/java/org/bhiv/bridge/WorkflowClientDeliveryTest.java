package org.bhiv.bridge;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bhiv.bridge.WorkflowOutcome.Cause;
import org.bhiv.bridge.WorkflowOutcome.Delivered;
import org.bhiv.bridge.WorkflowOutcome.ExecutionStatus;
import org.bhiv.bridge.WorkflowOutcome.Rejected;
import org.bhiv.bridge.WorkflowOutcome.Unavailable;
import org.bhiv.bridge.testing.FakeExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the bridge sends and how it reads the executor's answers, against a server that answers
 * like the contract (sections 3.1 and 3.4).
 */
class WorkflowClientDeliveryTest {

    private FakeExecutor executor;
    private WorkflowClient client;

    @BeforeEach
    void start() {
        executor = FakeExecutor.start();
        client = WorkflowClient.builder().baseUri(executor.baseUri()).token("core-token").build();
    }

    @AfterEach
    void stop() {
        client.close();
        executor.close();
    }

    static WorkflowOutcome await(java.util.concurrent.CompletionStage<WorkflowOutcome> stage) throws Exception {
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void deliveredOutcomeCarriesTheExecutorsAnswer() throws Exception {
        WorkflowOutcome outcome = await(client.executeWorkflow("trace-1", "task",
                Map.of("title", "Review code"), "user-7"));

        assertThat(outcome).isInstanceOf(Delivered.class);
        Delivered delivered = (Delivered) outcome;
        assertThat(delivered.traceId()).isEqualTo("trace-1");
        assertThat(delivered.statusCode()).isEqualTo(200);
        assertThat(delivered.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(delivered.succeeded()).isTrue();
        assertThat(delivered.replayed()).isFalse();
        assertThat(delivered.attempts()).isEqualTo(1);
        assertThat(delivered.executionResult())
                .containsEntry("success", true)
                .containsEntry("task_id", "task_0123456789abcdef")
                .containsEntry("task_status", "CREATED");
        assertThat(client.stats()).isEqualTo(new WorkflowStats(1, 1, 0, 0, 0, 0, 0));
    }

    @Test
    void requestFollowsTheExecuteContract() throws Exception {
        await(client.executeWorkflow("trace-2", "email",
                Map.of("recipient", "a@example.com", "subject", "Hi", "body", "Hello"), "user-7"));

        var request = executor.received().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("Authorization")).isEqualTo("Bearer core-token");
        assertThat(request.header("X-Trace-Id")).isEqualTo("trace-2");
        assertThat(request.header("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01")
                // the shared rule (trace-context): SHA-256("trace-2"), first 32 hex, as the executor derives it too
                .startsWith("00-da62c78ef08080958f79ea5d8ab7e490-");
        var body = request.body();
        assertThat(body.path("trace_id").asText()).isEqualTo("trace-2");
        assertThat(body.path("decision").asText()).isEqualTo("workflow");
        assertThat(body.path("data").path("workflow_type").asText()).isEqualTo("workflow");
        var payload = body.path("data").path("payload");
        assertThat(payload.path("action_type").asText()).isEqualTo("email");
        assertThat(payload.path("user_id").asText()).isEqualTo("user-7");
        assertThat(payload.path("trace_id").asText()).isEqualTo("trace-2");
        assertThat(payload.path("recipient").asText()).isEqualTo("a@example.com");
        assertThat(payload.path("subject").asText()).isEqualTo("Hi");
        assertThat(payload.path("body").asText()).isEqualTo("Hello");
    }

    @Test
    void argumentsWinOverSameNamedPayloadKeysAndNullUserIsLeftOut() throws Exception {
        Map<String, Object> payload = new HashMap<>();
        payload.put("title", "t");
        payload.put("trace_id", "someone-else");
        payload.put("action_type", "whatsapp");
        payload.put("user_id", "spoofed");
        await(client.executeWorkflow("trace-3", "task", payload, null));

        var sent = executor.received().getFirst().body().path("data").path("payload");
        assertThat(sent.path("trace_id").asText()).isEqualTo("trace-3");
        assertThat(sent.path("action_type").asText()).isEqualTo("task");
        assertThat(sent.has("user_id")).isFalse();
        assertThat(sent.path("title").asText()).isEqualTo("t");
    }

    @Test
    void sameTraceIdGivesTheSameW3cTraceIdOnEveryRequest() throws Exception {
        await(client.executeWorkflow("trace-4", "task", Map.of("title", "a"), null));
        await(client.executeWorkflow("trace-4", "task", Map.of("title", "a"), null));
        await(client.executeWorkflow("trace-5", "task", Map.of("title", "a"), null));

        var parents = executor.received().stream().map(r -> r.header("traceparent").split("-")).toList();
        assertThat(parents.get(0)[1]).isEqualTo(parents.get(1)[1]).isNotEqualTo(parents.get(2)[1]);
        assertThat(parents.get(0)[2]).isNotEqualTo(parents.get(1)[2]);
    }

    @Test
    void payloadIsCopiedBeforeTheCallReturns() throws Exception {
        Map<String, Object> payload = new LinkedHashMap<>(Map.of("title", "before"));
        var stage = client.executeWorkflow("trace-6", "task", payload, null);
        payload.put("title", "after");
        await(stage);

        assertThat(executor.received().getFirst().body().path("data").path("payload").path("title").asText())
                .isEqualTo("before");
    }

    @Test
    void nonAsciiTraceIdTravelsInTheBodyOnly() throws Exception {
        var outcome = await(client.executeWorkflow("trace-é-日本", "task", Map.of("title", "x"), null));

        assertThat(outcome).isInstanceOf(Delivered.class);
        var request = executor.received().getFirst();
        assertThat(request.body().path("trace_id").asText()).isEqualTo("trace-é-日本");
        assertThat(request.header("X-Trace-Id")).isNull();
        assertThat(request.header("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void replayedAnswerIsFlagged() throws Exception {
        executor.enqueue(200, Map.of("Idempotent-Replayed", "true"),
                "{\"trace_id\":\"t7\",\"status\":\"success\",\"execution_result\":{\"success\":true}}");

        var outcome = (Delivered) await(client.executeWorkflow("t7", "task", Map.of("title", "x"), null));

        assertThat(outcome.replayed()).isTrue();
        assertThat(outcome.status()).isEqualTo(ExecutionStatus.SUCCESS);
    }

    @Test
    void failedExecutionIsStillDeliveredWithTheExecutorsVerdict() throws Exception {
        executor.enqueue(200, Map.of(), """
                {"trace_id":"t8","status":"failed","execution_result":{"success":false,"trace_id":"t8",\
                "error_code":"invalid_recipient","message":"recipient must be E.164","retryable":false}}""");

        var outcome = (Delivered) await(client.executeWorkflow("t8", "whatsapp", Map.of("recipient", "x"), null));

        assertThat(outcome.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.executionResult()).containsEntry("error_code", "invalid_recipient")
                .containsEntry("retryable", false);
    }

    @Test
    void skippedAnswerCarriesItsReason() throws Exception {
        executor.enqueue(200, Map.of(), "{\"trace_id\":\"t9\",\"status\":\"skipped\",\"reason\":\"decision_not_workflow\"}");

        var outcome = (Delivered) await(client.executeWorkflow("t9", "task", Map.of("title", "x"), null));

        assertThat(outcome.status()).isEqualTo(ExecutionStatus.SKIPPED);
        assertThat(outcome.reason()).isEqualTo("decision_not_workflow");
        assertThat(outcome.executionResult()).isEmpty();
    }

    @Test
    void unprocessableRequestComesBackRejectedWithTheProblem() throws Exception {
        executor.enqueue(422, Map.of(), """
                {"type":"urn:bhiv:problem:invalid_request","title":"The request has invalid fields.","status":422,\
                "detail":"invalid_request","error_code":"invalid_request","trace_id":"t10",\
                "errors":[{"field":"data.workflow_type","message":"must be \\"workflow\\""}]}""");

        var outcome = await(client.executeWorkflow("t10", "task", Map.of("title", "x"), null));

        assertThat(outcome).isInstanceOf(Rejected.class);
        Rejected rejected = (Rejected) outcome;
        assertThat(rejected.statusCode()).isEqualTo(422);
        assertThat(rejected.local()).isFalse();
        assertThat(rejected.attempts()).isEqualTo(1);
        assertThat(rejected.problem().errorCode()).isEqualTo("invalid_request");
        assertThat(rejected.problem().detail()).isEqualTo("invalid_request");
        assertThat(rejected.problem().title()).isEqualTo("The request has invalid fields.");
        assertThat(rejected.problem().traceId()).isEqualTo("t10");
        assertThat(rejected.problem().errors()).containsExactly(
                new ExecutorProblem.FieldError("data.workflow_type", "must be \"workflow\""));
        assertThat(executor.received()).hasSize(1);
        assertThat(client.stats()).isEqualTo(new WorkflowStats(1, 0, 1, 0, 0, 0, 0));
    }

    @Test
    void rejectionWithoutProblemBodyStillNamesTheStatus() throws Exception {
        executor.enqueue(401, Map.of("WWW-Authenticate", "Bearer"), "");

        var outcome = (Rejected) await(client.executeWorkflow("t11", "task", Map.of("title", "x"), null));

        assertThat(outcome.statusCode()).isEqualTo(401);
        assertThat(outcome.problem().status()).isEqualTo(401);
        assertThat(outcome.problem().errorCode()).isNull();
        assertThat(outcome.problem().title()).isEqualTo("The executor answered 401 without a problem body.");
    }

    @Test
    void problemWhoseErrorsAreNotAListHasNoFieldErrors() throws Exception {
        executor.enqueue(400, Map.of(), "{\"status\":400,\"error_code\":\"missing_workflow_payload\",\"errors\":{\"a\":1}}");

        var outcome = (Rejected) await(client.executeWorkflow("t11b", "task", Map.of("title", "x"), null));

        assertThat(outcome.problem().errorCode()).isEqualTo("missing_workflow_payload");
        assertThat(outcome.problem().errors()).isEmpty();
    }

    @Test
    void conflictIsRejectedNotRetried() throws Exception {
        executor.enqueue(409, Map.of("Retry-After", "1"), """
                {"type":"urn:bhiv:problem:request_in_progress","title":"In progress.","status":409,\
                "detail":"request_in_progress","error_code":"request_in_progress"}""");

        var outcome = (Rejected) await(client.executeWorkflow("t12", "task", Map.of("title", "x"), null));

        assertThat(outcome.problem().errorCode()).isEqualTo("request_in_progress");
        assertThat(executor.received()).hasSize(1);
    }

    @Test
    void serverErrorIsUnavailableAndNotRetried() throws Exception {
        executor.enqueue(500, Map.of(), "{\"error_code\":\"internal_error\"}");

        var outcome = (Unavailable) await(client.executeWorkflow("t13", "task", Map.of("title", "x"), null));

        assertThat(outcome.cause()).isEqualTo(Cause.SERVER_ERROR);
        assertThat(outcome.statusCode()).isEqualTo(500);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(executor.received()).hasSize(1);
        assertThat(client.stats()).isEqualTo(new WorkflowStats(1, 0, 0, 1, 0, 0, 0));
    }

    @Test
    void serviceUnavailableIsRetriedWithTheSameBody() throws Exception {
        executor.enqueue(503, Map.of(), "{}");

        var outcome = (Delivered) await(client.executeWorkflow("t14", "task", Map.of("title", "x"), "u"));

        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(executor.received()).hasSize(2);
        assertThat(executor.received().get(1).body()).isEqualTo(executor.received().get(0).body());
        assertThat(executor.received().get(1).header("X-Trace-Id")).isEqualTo("t14");
        assertThat(client.stats()).isEqualTo(new WorkflowStats(1, 1, 0, 0, 0, 1, 0));
    }

    @Test
    void serviceUnavailableUntilTheBudgetIsSpentIsUnavailable() throws Exception {
        executor.enqueue(503, Map.of(), "{}").enqueue(503, Map.of(), "{}").enqueue(503, Map.of(), "{}");

        var outcome = (Unavailable) await(client.executeWorkflow("t15", "task", Map.of("title", "x"), null));

        assertThat(outcome.cause()).isEqualTo(Cause.SERVER_ERROR);
        assertThat(outcome.statusCode()).isEqualTo(503);
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(client.stats().retried()).isEqualTo(2);
    }

    @Test
    void unreadableAnswerIsUnavailableNotDelivered() throws Exception {
        executor.enqueue(200, Map.of(), "<html>proxy page</html>");

        var outcome = (Unavailable) await(client.executeWorkflow("t16", "task", Map.of("title", "x"), null));

        assertThat(outcome.cause()).isEqualTo(Cause.INVALID_ANSWER);
        assertThat(outcome.statusCode()).isEqualTo(200);
    }

    @Test
    void answerWithoutKnownStatusIsUnavailable() throws Exception {
        executor.enqueue(200, Map.of(), "{\"trace_id\":\"t17\",\"status\":\"done\"}");

        var outcome = (Unavailable) await(client.executeWorkflow("t17", "task", Map.of("title", "x"), null));

        assertThat(outcome.cause()).isEqualTo(Cause.INVALID_ANSWER);
        assertThat(outcome.message()).contains("no status success, failed or skipped");
    }

    @Test
    void missingTraceIdIsRefusedLocallyWithoutSendingAnything() throws Exception {
        var stage = client.executeWorkflow(null, "task", Map.of("title", "x"), null);

        assertThat(stage.toCompletableFuture().isDone()).isTrue();
        var outcome = (Rejected) await(stage);
        assertThat(outcome.local()).isTrue();
        assertThat(outcome.statusCode()).isEqualTo(422);
        assertThat(outcome.attempts()).isZero();
        assertThat(outcome.problem().errorCode()).isEqualTo("invalid_workflow_request");
        assertThat(outcome.problem().errors()).containsExactly(new ExecutorProblem.FieldError("trace_id", "is required"));
        assertThat(executor.received()).isEmpty();
        assertThat(client.stats()).isEqualTo(new WorkflowStats(0, 0, 1, 0, 0, 0, 0));
    }

    @Test
    void everyInvalidArgumentIsNamedAtOnce() throws Exception {
        var outcome = (Rejected) await(client.executeWorkflow("has space", " ", null, null));

        assertThat(outcome.problem().errors()).containsExactly(
                new ExecutorProblem.FieldError("trace_id", "must not contain whitespace or control characters"),
                new ExecutorProblem.FieldError("data.payload.action_type", "is required"));
        assertThat(executor.received()).isEmpty();
    }

    @Test
    void overlongTraceIdIsRefusedLocally() throws Exception {
        var outcome = (Rejected) await(client.executeWorkflow("x".repeat(129), "task", Map.of(), null));

        assertThat(outcome.problem().errors()).containsExactly(
                new ExecutorProblem.FieldError("trace_id", "must be at most 128 characters"));
    }

    @Test
    void payloadThatIsNotJsonIsRefusedLocally() throws Exception {
        var outcome = (Rejected) await(client.executeWorkflow("t18", "task", Map.of("stream", new Object()), null));

        assertThat(outcome.local()).isTrue();
        assertThat(outcome.problem().errors()).containsExactly(
                new ExecutorProblem.FieldError("data.payload", "cannot be written as JSON"));
        assertThat(executor.received()).isEmpty();
    }

    @Test
    void nullPayloadIsAnEmptyPayload() throws Exception {
        var outcome = await(client.executeWorkflow("t19", "ai", null, null));

        assertThat(outcome).isInstanceOf(Delivered.class);
        var payload = executor.received().getFirst().body().path("data").path("payload");
        assertThat(payload.size()).isEqualTo(2);
        assertThat(payload.path("action_type").asText()).isEqualTo("ai");
    }

    @Test
    void healthIsTrueWhenHealthzAnswers200() throws Exception {
        assertThat(client.health().toCompletableFuture().get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void noTokenMeansNoAuthorizationHeader() throws Exception {
        try (WorkflowClient open = client.newBuilder().token(null).timeout(Duration.ofSeconds(1)).build()) {
            await(open.executeWorkflow("t20", "task", Map.of("title", "x"), null));
        }
        assertThat(executor.received().getFirst().header("Authorization")).isNull();
    }

    @Test
    void closedClientAnswersClosedAtOnce() throws Exception {
        client.close();

        var outcome = (Unavailable) await(client.executeWorkflow("t21", "task", Map.of("title", "x"), null));

        assertThat(outcome.cause()).isEqualTo(Cause.CLOSED);
        assertThat(client.health().toCompletableFuture().get(1, TimeUnit.SECONDS)).isFalse();
        assertThat(executor.received()).isEmpty();
    }
}

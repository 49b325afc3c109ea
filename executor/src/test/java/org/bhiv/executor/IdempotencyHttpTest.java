package org.bhiv.executor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import org.bhiv.executor.TestExecutor.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contracts 3.4 over HTTP against real executors: replays, 409 while in flight, 422 for a reused
 * key, retryable failures not stored, and exactly one adapter run under 100 concurrent duplicates.
 * Adapter runs are counted by the executor's own {@code /healthz} counters and the stored executions.
 */
class IdempotencyHttpTest {

    private static TestExecutor executor;
    /** Its task provider never answers, so each execution holds its key for the 2 s timeout, then fails retryably. */
    private static TestExecutor slow;

    @BeforeAll
    static void start() {
        executor = TestExecutor.start(Map.of());
        slow = TestExecutor.start(Map.of(
                "executor.adapters.task.sandbox.fail", "timeout",
                "executor.adapters.task.timeout", "PT2S"));
    }

    @AfterAll
    static void stop() {
        executor.close();
        slow.close();
    }

    @Test
    void replayReturnsIdenticalStatusAndBodyWithTheHeaderWithoutRunningTheAdapterAgain() {
        var replayLog = capture("org.bhiv.executor.workflow.ExecutionLog");
        long successBefore = workflows(executor).path("success").asLong();
        long replayedBefore = workflows(executor).path("replayed").asLong();
        String body = task("idem-replay", "Call the customer back");

        Answer first = executor.execute(body);
        Answer second = executor.execute(body);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("status").asText()).isEqualTo("success");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(workflows(executor).path("success").asLong()).isEqualTo(successBefore + 1);
        assertThat(workflows(executor).path("replayed").asLong()).isEqualTo(replayedBefore + 1);
        assertThat(executions(executor, "idem-replay")).hasSize(1);
        assertThat(replayLog).contains("EXECUTION_REPLAYED | trace_id=idem-replay");
        assertThat(executor.get("/observe/metrics", "Accept", "text/plain").text()).contains("executor_replays_total");
    }

    @Test
    void bodyThatDiffersOnlyInMemberOrderAndSpacingIsAReplay() {
        Answer first = executor.execute(task("idem-order", "Order"));
        Answer reordered = executor.execute("{ \"decision\" : \"workflow\", \"data\": {\"payload\": {\"title\": \"Order\","
                + " \"action_type\": \"task\"}, \"workflow_type\": \"workflow\"}, \"trace_id\": \"idem-order\" }");

        assertThat(reordered.status()).isEqualTo(200);
        assertThat(reordered.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(reordered.text()).isEqualTo(first.text());
    }

    @Test
    void sameKeyWithADifferentBodyIs422IdempotencyKeyReused() {
        assertThat(executor.execute(task("idem-reused", "First title")).status()).isEqualTo(200);

        Answer reused = executor.execute(task("idem-reused", "Another title"));

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.contentType()).startsWith("application/problem+json");
        assertThat(reused.json().path("error_code").asText()).isEqualTo("idempotency_key_reused");
        assertThat(reused.json().path("detail").asText()).isEqualTo("idempotency_key_reused");
        assertThat(reused.json().path("trace_id").asText()).isEqualTo("idem-reused");
        assertThat(executions(executor, "idem-reused")).hasSize(1);
    }

    @Test
    void distinctIdempotencyKeysOfOneTraceExecuteSeparately() {
        String body = task("idem-keys", "Same body");

        Answer a = executor.execute(body, "Idempotency-Key", "key-a");
        Answer b = executor.execute(body, "Idempotency-Key", "key-b");
        Answer aAgain = executor.execute(body, "Idempotency-Key", "key-a");

        assertThat(a.status()).isEqualTo(200);
        assertThat(b.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(aAgain.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(aAgain.text()).isEqualTo(a.text());
        assertThat(executions(executor, "idem-keys")).extracting(e -> e.path("idempotency_key").asText())
                .containsExactly("key-a", "key-b");
    }

    @Test
    void skippedDecisionsAreNeverStored() {
        String skipped = "{\"trace_id\":\"idem-skip\",\"decision\":\"respond\"}";

        Answer first = executor.execute(skipped);
        Answer second = executor.execute(skipped);

        assertThat(first.json().path("status").asText()).isEqualTo("skipped");
        assertThat(second.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(executor.get("/api/workflow/executions/idem-skip").status()).isEqualTo(404);
    }

    @Test
    void duplicateWhileTheFirstRunsIs409AndARetryableFailureIsNotStored() throws Exception {
        String body = task("idem-inflight", "Slow task");

        List<Answer> answers = Concurrently.run(5, i -> slow.execute(body));

        List<Answer> fresh = answers.stream().filter(a -> a.status() == 200).toList();
        List<Answer> refused = answers.stream().filter(a -> a.status() == 409).toList();
        assertThat(fresh).hasSize(1);
        assertThat(refused).hasSize(4).allSatisfy(a -> {
            assertThat(a.headers().firstValue("Retry-After")).contains("1");
            assertThat(a.json().path("error_code").asText()).isEqualTo("request_in_progress");
            assertThat(a.json().path("trace_id").asText()).isEqualTo("idem-inflight");
        });
        JsonNode result = fresh.get(0).json().path("execution_result");
        assertThat(fresh.get(0).json().path("status").asText()).isEqualTo("failed");
        assertThat(result.path("retryable").asBoolean()).isTrue();

        Answer retry = slow.execute(body);

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(retry.json().path("execution_result").path("error_code").asText())
                .isEqualTo(result.path("error_code").asText());
        assertThat(executions(slow, "idem-inflight")).hasSize(2)
                .allSatisfy(e -> assertThat(e.path("replayable").asBoolean()).isFalse());
    }

    @Test
    void hundredConcurrentDuplicatesRunTheAdapterExactlyOnce() throws Exception {
        long successBefore = workflows(executor).path("success").asLong();
        String body = task("idem-hundred", "Only once");

        List<Answer> answers = Concurrently.run(100, i -> executor.execute(body));

        assertThat(answers).extracting(Answer::status).isSubsetOf(200, 409);
        List<Answer> fresh = answers.stream()
                .filter(a -> a.status() == 200 && a.headers().firstValue("Idempotent-Replayed").isEmpty()).toList();
        assertThat(fresh).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() == 200).extracting(Answer::text).containsOnly(fresh.get(0).text());
        assertThat(workflows(executor).path("success").asLong()).isEqualTo(successBefore + 1);
        assertThat(executions(executor, "idem-hundred")).hasSize(1);
    }

    static String task(String traceId, String title) {
        return "{\"trace_id\":\"" + traceId + "\",\"decision\":\"workflow\",\"data\":{\"workflow_type\":\"workflow\","
                + "\"payload\":{\"action_type\":\"task\",\"title\":\"" + title + "\"}}}";
    }

    static JsonNode workflows(TestExecutor server) {
        Answer health = server.get("/healthz");
        assertThat(health.status()).isEqualTo(200);
        return health.json().path("workflows");
    }

    static List<JsonNode> executions(TestExecutor server, String traceId) {
        Answer answer = server.get("/api/workflow/executions/" + traceId);
        assertThat(answer.status()).isEqualTo(200);
        List<JsonNode> list = new ArrayList<>();
        answer.json().path("executions").forEach(list::add);
        return list;
    }

    /** Collects the messages logged by one logger from now on. */
    private static List<String> capture(String loggerName) {
        List<String> messages = new CopyOnWriteArrayList<>();
        Logger.getLogger(loggerName).addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                messages.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        return messages;
    }
}

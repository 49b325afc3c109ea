package org.bhiv.executor.idempotency;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.bhiv.executor.store.Database;
import org.bhiv.executor.store.ExecutionStore;
import org.bhiv.executor.store.JdbcExecutionStore;
import org.bhiv.executor.store.StoreConfig;
import org.bhiv.executor.store.StoredExecution;
import org.bhiv.server.Json;
import org.bhiv.server.ProblemException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The idempotency layer on a real H2 store, without HTTP. */
class IdempotentExecutionsTest {

    @TempDir
    static Path dir;
    private static Database db;

    private ExecutionStore store;
    private IdempotentExecutions executions;
    private final AtomicInteger engineRuns = new AtomicInteger();
    private final AtomicInteger replays = new AtomicInteger();
    private final List<String> eventsWritten = new ArrayList<>();
    private String traceId;

    @BeforeAll
    static void open() {
        db = Database.open(new StoreConfig("", dir, "", "", 4, Duration.ofSeconds(5)));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void setUp() {
        store = new JdbcExecutionStore(db, Duration.ofMinutes(2), Duration.ofHours(24), Clock.systemUTC());
        ExecutionEvents events = (execution, attempt) -> c -> eventsWritten.add(execution.status());
        executions = new IdempotentExecutions(store, events, traceId -> replays.incrementAndGet());
        traceId = "t-" + System.nanoTime();
    }

    @Test
    void successIsStoredAndReplayedWithoutRunningTheEngineAgain() {
        Reply first = executions.execute(attempt(null, "x"), engine(success()));
        Reply second = executions.execute(attempt(null, "x"), engine(success()));

        assertThat(first.replayed()).isFalse();
        assertThat(second).isEqualTo(new Reply(200, first.body(), true));
        assertThat(engineRuns).hasValue(1);
        assertThat(replays).hasValue(1);
        assertThat(eventsWritten).containsExactly("success");
        assertThat(store.findByTraceId(traceId)).singleElement().satisfies(s -> {
            assertThat(s.replayable()).isTrue();
            assertThat(s.execution().actionType()).isEqualTo("task");
            assertThat(s.execution().resultJson()).isEqualTo("{\"success\":true}");
        });
    }

    @Test
    void nonRetryableFailureIsStoredAndReplayed() {
        executions.execute(attempt(null, "x"), engine(failed(false)));
        Reply again = executions.execute(attempt(null, "x"), engine(failed(false)));

        assertThat(again.replayed()).isTrue();
        assertThat(engineRuns).hasValue(1);
    }

    @Test
    void retryableFailureIsRecordedWithItsEventsButARetryExecutesAgain() {
        executions.execute(attempt(null, "x"), engine(failed(true)));
        Reply retry = executions.execute(attempt(null, "x"), engine(failed(true)));

        assertThat(retry.replayed()).isFalse();
        assertThat(engineRuns).hasValue(2);
        assertThat(eventsWritten).containsExactly("failed", "failed");
        assertThat(store.findByTraceId(traceId)).extracting(StoredExecution::replayable).containsExactly(false, false);
    }

    @Test
    void sameKeyWithAnotherBodyIsRefusedWith422() {
        executions.execute(attempt("k-" + traceId, "x"), engine(success()));

        assertThatThrownBy(() -> executions.execute(attempt("k-" + traceId, "y"), engine(success())))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(422);
                    assertThat(e.problem().errorCode()).isEqualTo("idempotency_key_reused");
                    assertThat(e.problem().traceId()).isEqualTo(traceId);
                });
        assertThat(engineRuns).hasValue(1);
    }

    @Test
    void sameKeyWhileTheFirstRunsIsRefusedWith409AndRetryAfter() {
        Reply[] inner = new Reply[1];
        executions.execute(attempt(null, "x"), () -> {
            assertThatThrownBy(() -> executions.execute(attempt(null, "x"), engine(success())))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.problem().status()).isEqualTo(409);
                        assertThat(e.problem().errorCode()).isEqualTo("request_in_progress");
                        assertThat(e.headers()).containsEntry("Retry-After", "1");
                    });
            inner[0] = success();
            return inner[0];
        });

        assertThat(executions.execute(attempt(null, "x"), engine(success())).replayed()).isTrue();
    }

    @Test
    void skippedAndRefusedAnswersAreNotStored() {
        executions.execute(attempt(null, "x"), engine(Reply.fresh(200, "{\"status\":\"skipped\"}")));
        executions.execute(attempt(null, "x"), engine(Reply.fresh(400, "{\"error_code\":\"missing_workflow_payload\"}")));

        assertThat(engineRuns).hasValue(2);
        assertThat(store.findByTraceId(traceId)).isEmpty();
    }

    @Test
    void engineThatThrowsFreesTheKey() {
        assertThatThrownBy(() -> executions.execute(attempt(null, "x"), () -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(executions.execute(attempt(null, "x"), engine(success())).replayed()).isFalse();
    }

    @Test
    void engineThatFailsWithAnErrorFreesTheKeyToo() {
        assertThatThrownBy(() -> executions.execute(attempt(null, "x"), () -> {
            throw new StackOverflowError("deep");
        })).isInstanceOf(StackOverflowError.class);

        assertThat(executions.execute(attempt(null, "x"), engine(success())).replayed()).isFalse();
    }

    @Test
    void storeThatCannotClaimAnswers503WithoutRunningTheEngine(@TempDir Path other) {
        Database closed = Database.open(new StoreConfig("", other, "", "", 2, Duration.ofSeconds(1)));
        closed.close();
        var unavailable = new IdempotentExecutions(new JdbcExecutionStore(closed, Duration.ofMinutes(2),
                Duration.ofHours(24), Clock.systemUTC()), ExecutionEvents.none(), traceId -> replays.incrementAndGet());

        assertThatThrownBy(() -> unavailable.execute(attempt(null, "x"), engine(success())))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(503);
                    assertThat(e.problem().errorCode()).isEqualTo("store_unavailable");
                    assertThat(e.headers()).containsEntry("Retry-After", "1");
                });
        assertThat(engineRuns).hasValue(0);
    }

    private Attempt attempt(String header, String title) {
        JsonNode body = Json.mapper().createObjectNode()
                .put("trace_id", traceId).put("decision", "workflow")
                .set("data", Json.mapper().createObjectNode().put("workflow_type", "workflow")
                        .set("payload", Json.mapper().createObjectNode().put("action_type", "task").put("title", title)));
        return new Attempt(header == null ? traceId : header, traceId, "task", body, Instant.now(), null);
    }

    private java.util.function.Supplier<Reply> engine(Reply answer) {
        return () -> {
            engineRuns.incrementAndGet();
            return answer;
        };
    }

    private Reply success() {
        return Reply.fresh(200, "{\"trace_id\":\"" + traceId + "\",\"status\":\"success\",\"execution_result\":{\"success\":true}}");
    }

    private Reply failed(boolean retryable) {
        return Reply.fresh(200, "{\"trace_id\":\"" + traceId + "\",\"status\":\"failed\",\"execution_result\":"
                + "{\"success\":false,\"error_code\":\"provider_unavailable\",\"retryable\":" + retryable + "}}");
    }
}

package org.bhiv.executor.workflow;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import org.bhiv.executor.adapters.Adapter;
import org.bhiv.executor.adapters.AdapterCall;
import org.bhiv.executor.adapters.AdapterOutcome;
import org.bhiv.executor.adapters.provider.ProviderFailure;
import org.bhiv.executor.engine.AdapterRegistry;
import org.bhiv.executor.engine.ExecutionEngine;
import org.bhiv.executor.execution.Execution;
import org.bhiv.executor.idempotency.Idempotency;
import org.bhiv.executor.outbox.DeliveryStates;
import org.bhiv.executor.outbox.IntegrationsConfig;
import org.bhiv.executor.outbox.Outbox;
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

/**
 * The pipeline's idempotency and record-and-enqueue stages on a real H2 store and a real
 * outbox (its sinks point nowhere and no dispatcher runs, so the events stay pending), with a
 * scripted {@code task} adapter instead of HTTP.
 */
class ExecutionPipelineTest {

    @TempDir
    static Path dir;
    private static Database db;
    private static Outbox outbox;

    private final AtomicInteger engineRuns = new AtomicInteger();
    private final List<String> heard = new ArrayList<>();
    private Supplier<AdapterOutcome> adapter;
    private boolean reachesOutside = true;
    private ExecutionStore store;
    private ExecutionPipeline pipeline;
    private String traceId;

    @BeforeAll
    static void open() {
        db = Database.open(new StoreConfig("", dir, "", "", 4, Duration.ofSeconds(5)));
        Config integrations = Config.just(ConfigSources.create(Map.of(
                "integrations.bucket.url", "http://127.0.0.1:9/bucket",
                "integrations.karma.url", "http://127.0.0.1:9/karma"))).get("integrations");
        outbox = Outbox.create(db, IntegrationsConfig.create(integrations), Services.get(MeterRegistry.class), Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void setUp() {
        store = new JdbcExecutionStore(db, Duration.ofMinutes(2), Duration.ofHours(24), Clock.systemUTC());
        Adapter scripted = new Adapter() {
            @Override
            public String actionType() {
                return "task";
            }

            @Override
            public AdapterOutcome execute(AdapterCall call) {
                engineRuns.incrementAndGet();
                return adapter.get();
            }

            @Override
            public boolean reachesOutside() {
                return reachesOutside;
            }
        };
        ExecutionListener listener = new ExecutionListener() {
            @Override
            public void succeeded(Execution execution) {
                heard.add("succeeded");
            }

            @Override
            public void failed(Execution execution) {
                heard.add("failed");
            }

            @Override
            public void replayed(String traceId) {
                heard.add("replayed");
            }
        };
        pipeline = pipeline(store, new ExecutionEngine(new AdapterRegistry(List.of(scripted)), Clock.systemUTC()), listener);
        adapter = ExecutionPipelineTest::success;
        traceId = "t-" + System.nanoTime();
    }

    @Test
    void successIsStoredWithItsEventsAndReplayedWithoutRunningTheEngineAgain() {
        var first = execute(null, "x");
        var second = execute(null, "x");

        assertThat(first.replayed()).isFalse();
        assertThat(second).isEqualTo(new ExecutionPipeline.Answer(200, first.json(), true));
        assertThat(engineRuns).hasValue(1);
        assertThat(heard).containsExactly("succeeded", "replayed");
        assertThat(store.findByTraceId(traceId)).singleElement().satisfies(s -> {
            assertThat(s.replayable()).isTrue();
            assertThat(s.execution().actionType()).isEqualTo("task");
            assertThat(s.execution().status()).isEqualTo("success");
            assertThat(s.execution().responseBody()).isEqualTo(first.json());
            assertThat(new DeliveryStates(db).byTrace(traceId).get(s.execution().executionId())).containsOnlyKeys("bucket", "karma");
        });
    }

    @Test
    void nonRetryableFailureIsStoredAndReplayed() {
        adapter = () -> failed(false);
        execute(null, "x");
        var again = execute(null, "x");

        assertThat(again.replayed()).isTrue();
        assertThat(engineRuns).hasValue(1);
    }

    @Test
    void retryableFailureIsRecordedWithItsEventsButARetryExecutesAgain() {
        adapter = () -> failed(true);
        execute(null, "x");
        var retry = execute(null, "x");

        assertThat(retry.replayed()).isFalse();
        assertThat(engineRuns).hasValue(2);
        assertThat(store.findByTraceId(traceId)).extracting(StoredExecution::replayable).containsExactly(false, false);
        assertThat(new DeliveryStates(db).byTrace(traceId)).hasSize(2);
    }

    @Test
    void sameKeyWithAnotherBodyIsRefusedWith422() {
        execute("k-" + traceId, "x");

        assertThatThrownBy(() -> execute("k-" + traceId, "y"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(422);
                    assertThat(e.problem().errorCode()).isEqualTo("idempotency_key_reused");
                    assertThat(e.problem().traceId()).isEqualTo(traceId);
                });
        assertThat(engineRuns).hasValue(1);
    }

    @Test
    void sameKeyWhileTheFirstRunsIsRefusedWith409AndRetryAfter() {
        adapter = () -> {
            adapter = ExecutionPipelineTest::success;
            assertThatThrownBy(() -> execute(null, "x"))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.problem().status()).isEqualTo(409);
                        assertThat(e.problem().errorCode()).isEqualTo("request_in_progress");
                        assertThat(e.headers()).containsEntry("Retry-After", "1");
                    });
            return success();
        };
        execute(null, "x");

        assertThat(execute(null, "x").replayed()).isTrue();
        assertThat(engineRuns).hasValue(1);
    }

    @Test
    void sameKeyWhileALocalActionRunsIsRefusedWith409Too() {
        reachesOutside = false;
        sameKeyWhileTheFirstRunsIsRefusedWith409AndRetryAfter();
    }

    @Test
    void keyOfAnActionThatReachesOutsideIsClaimedInTheDatabaseBeforeItRunsAndOfALocalOneOnlyWithItsExecution() {
        List<Long> keyRowsWhileRunning = new ArrayList<>();
        adapter = () -> {
            keyRowsWhileRunning.add(keyRows(reachesOutside ? traceId : "local-" + traceId));
            return success();
        };
        execute(null, "x");
        reachesOutside = false;
        execute("local-" + traceId, "x");

        assertThat(keyRowsWhileRunning).containsExactly(1L, 0L);
        assertThat(execute(null, "x").replayed()).isTrue();
        assertThat(execute("local-" + traceId, "x").replayed()).isTrue();
        assertThat(engineRuns).hasValue(2);
    }

    @Test
    void skippedDecisionsAndMissingPayloadsAreNotStoredAndNeverReachTheEngine() {
        var skipped = pipeline.execute(body("respond", null), Optional.empty(), null, "bhiv_core");
        assertThatThrownBy(() -> pipeline.execute(body("workflow", null), Optional.empty(), null, "bhiv_core"))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem().errorCode()).isEqualTo("missing_workflow_payload"));

        assertThat(skipped.json()).contains("\"status\":\"skipped\"");
        assertThat(engineRuns).hasValue(0);
        assertThat(store.findByTraceId(traceId)).isEmpty();
    }

    @Test
    void engineThatThrowsFreesTheKey() {
        adapter = () -> {
            throw new IllegalStateException("boom");
        };
        assertThat(execute(null, "x").json()).contains("internal_execution_error"); // the engine answers a defect

        adapter = () -> {
            throw new StackOverflowError("deep");
        };
        assertThatThrownBy(() -> execute("k2-" + traceId, "x")).isInstanceOf(StackOverflowError.class);

        adapter = ExecutionPipelineTest::success;
        assertThat(execute("k2-" + traceId, "x").replayed()).isFalse();
    }

    @Test
    void storeThatCannotClaimAnswers503WithoutRunningTheEngine(@TempDir Path other) {
        Database closed = Database.open(new StoreConfig("", other, "", "", 2, Duration.ofSeconds(1)));
        closed.close();
        var unavailable = pipeline(new JdbcExecutionStore(closed, Duration.ofMinutes(2), Duration.ofHours(24),
                Clock.systemUTC()), new ExecutionEngine(new AdapterRegistry(List.of()), Clock.systemUTC()),
                new ExecutionListener() { });

        assertThatThrownBy(() -> unavailable.execute(body("workflow", "x"), Optional.empty(), null, "bhiv_core"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(503);
                    assertThat(e.problem().errorCode()).isEqualTo("store_unavailable");
                    assertThat(e.headers()).containsEntry("Retry-After", "1");
                });
        assertThat(engineRuns).hasValue(0);
    }

    /** The idempotency_keys rows of {@code key}, read on another connection. */
    private static long keyRows(String key) {
        try (var c = db.dataSource().getConnection();
             var ps = c.prepareStatement("SELECT COUNT(*) FROM idempotency_keys WHERE idem_key = ?")) {
            ps.setString(1, key);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ExecutionPipeline pipeline(ExecutionStore store, ExecutionEngine engine, ExecutionListener listener) {
        return new ExecutionPipeline(new Idempotency(store), engine, outbox, listener, Clock.systemUTC());
    }

    private ExecutionPipeline.Answer execute(String key, String title) {
        return pipeline.execute(body("workflow", title), Optional.ofNullable(key), null, "bhiv_core");
    }

    private ObjectNode body(String decision, String title) {
        ObjectNode data = Json.mapper().createObjectNode().put("workflow_type", "workflow");
        if (title != null) {
            data.set("payload", Json.mapper().createObjectNode().put("action_type", "task").put("title", title));
        }
        ObjectNode body = Json.mapper().createObjectNode().put("trace_id", traceId).put("decision", decision);
        body.set("data", data);
        return body;
    }

    private static AdapterOutcome success() {
        return new AdapterOutcome.Succeeded("sandbox", Map.of("task_id", "task_1"));
    }

    private static AdapterOutcome failed(boolean retryable) {
        return new AdapterOutcome.ProviderFailed("sandbox", retryable
                ? new ProviderFailure(ProviderFailure.UNAVAILABLE, true, Optional.empty(), "down")
                : new ProviderFailure(ProviderFailure.REJECTED, false, Optional.empty(), "no"));
    }
}

package org.bhiv.executor.workflow;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import org.bhiv.executor.execution.Execution;

/**
 * The executor's meters (Helidon's metrics API, like the outbox's): {@code executor.executions} (counter by action_type and
 * status: success, failed, skipped), {@code executor.execution.latency} (timer with a
 * percentile histogram, by action_type) and {@code executor.replays}. Tag values are never
 * raw caller input: unknown action types are {@code unsupported}, missing ones {@code none}.
 * Meters are looked up once per tag set, not per request.
 */
public final class ExecutionMetrics implements ExecutionListener {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Counter replays;

    /**
     * @param registry the registry {@code /observe/metrics} publishes
     */
    public ExecutionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.replays = registry.getOrCreate(Counter.builder("executor.replays")
                .description("Answers replayed from the idempotency store"));
    }

    @Override
    public void succeeded(Execution execution) {
        executed(execution);
    }

    @Override
    public void failed(Execution execution) {
        executed(execution);
    }

    @Override
    public void skipped(String traceId, String reason) {
        executions("none", "skipped").increment();
    }

    @Override
    public void replayed(String traceId) {
        replays.increment();
    }

    private void executed(Execution execution) {
        String actionType = execution.actionType().metered();
        executions(actionType, execution.status()).increment();
        timers.computeIfAbsent(actionType, type -> registry.getOrCreate(Timer.builder("executor.execution.latency")
                        .description("Time to execute one workflow, adapter and provider included")
                        .tags(List.of(Tag.create("action_type", type)))
                        .publishPercentileHistogram(true)))
                .record(Duration.ofMillis(execution.durationMs()));
    }

    private Counter executions(String actionType, String status) {
        return counters.computeIfAbsent(actionType + '\0' + status, key -> registry.getOrCreate(
                Counter.builder("executor.executions")
                        .description("Workflow executions by action type and status")
                        .tags(List.of(Tag.create("action_type", actionType), Tag.create("status", status)))));
    }
}

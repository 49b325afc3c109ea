package org.bhiv.executor.workflow;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The executor's Micrometer meters: {@code executor.executions} (counter by action_type and
 * status: success, failed, skipped), {@code executor.execution.latency} (timer with a
 * percentile histogram, by action_type) and {@code executor.replays}. Tag values are never
 * raw caller input: unknown action types are {@code unsupported}, missing ones {@code none}.
 */
public final class ExecutionMetrics {

    private final MeterRegistry registry;

    /**
     * @param registry the registry {@code /observe/metrics} publishes
     */
    public ExecutionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param actionType a supported action type, {@code none} or {@code unsupported}
     * @param status     {@code success} or {@code failed}
     * @param took       how long it took
     */
    public void executed(String actionType, String status, Duration took) {
        executions(actionType, status).increment();
        Timer.builder("executor.execution.latency")
                .description("Time to execute one workflow, adapter and provider included")
                .tag("action_type", actionType)
                .publishPercentileHistogram()
                .register(registry)
                .record(took);
    }

    /** Counts a decision that was not a workflow. */
    public void skipped() {
        executions("none", "skipped").increment();
    }

    /** Counts an answer replayed from the idempotency store. */
    public void replayed() {
        Counter.builder("executor.replays").description("Answers replayed from the idempotency store")
                .register(registry).increment();
    }

    private Counter executions(String actionType, String status) {
        return Counter.builder("executor.executions")
                .description("Workflow executions by action type and status")
                .tag("action_type", actionType)
                .tag("status", status)
                .register(registry);
    }
}

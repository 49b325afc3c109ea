package org.bhiv.executor.workflow;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.executor.engine.ExecutionEngine;
import org.bhiv.executor.engine.ExecutionOutcome;
import org.bhiv.server.Json;

/**
 * The innermost {@link WorkflowExecutor}: runs the engine once and logs
 * ({@code EXECUTION_STARTED}, {@code _SUCCESS}, {@code _FAILED}), counts and measures it.
 */
public final class WorkflowExecutions implements WorkflowExecutor {

    private final ExecutionEngine engine;
    private final ExecutionLog log;
    private final ExecutionMetrics metrics;
    private final WorkflowCounters counters;

    /**
     * @param engine   the engine
     * @param log      the execution log
     * @param metrics  the meters
     * @param counters the health counters
     */
    public WorkflowExecutions(ExecutionEngine engine, ExecutionLog log, ExecutionMetrics metrics,
                              WorkflowCounters counters) {
        this.engine = engine;
        this.log = log;
        this.metrics = metrics;
        this.counters = counters;
    }

    @Override
    public ExecutionAnswer execute(WorkflowRequest request) {
        String loggedType = request.actionType();
        log.started(request.traceId(), loggedType);
        long start = System.nanoTime();
        ExecutionOutcome outcome = engine.run(request.traceId(), request.idempotencyKey(), request.payload());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String status = outcome.success() ? ExecutionAnswer.SUCCESS : ExecutionAnswer.FAILED;
        metrics.executed(outcome.actionType(), status, took);
        if (outcome.success()) {
            counters.success();
            log.success(request.traceId(), loggedType, took.toMillis());
        } else {
            counters.failed();
            log.failed(request.traceId(), loggedType, outcome.errorCode());
        }
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("trace_id", request.traceId());
        body.put("status", status);
        body.set("execution_result", outcome.result());
        return new ExecutionAnswer(200, body, outcome.actionType(), status, took.toMillis(), outcome.result(), Map.of());
    }
}

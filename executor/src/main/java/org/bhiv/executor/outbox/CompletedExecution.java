package org.bhiv.executor.outbox;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the outbox needs to know about one finished execution (status {@code success} or
 * {@code failed}; never skipped or rejected requests). The store maps its own record to this.
 *
 * @param executionId     the store's id of the execution (used by {@link Outbox#deliveries(String)})
 * @param traceId         the decision's trace_id
 * @param idempotencyKey  the idempotency key (the {@code Idempotency-Key} header, else the trace_id)
 * @param actionType      {@code payload.action_type}; {@code null} when missing (events then say {@code unknown})
 * @param status          {@code success} or {@code failed}
 * @param product         {@code payload.product}; {@code null} = {@code unknown}
 * @param userId          {@code payload.user_id}; {@code null} = {@code system}
 * @param role            {@code payload.role}; {@code null} = {@code learner}
 * @param executionResult the {@code execution_result} as answered (redacted by the events, not here)
 * @param durationMs      how long the execution took
 * @param timestamp       when it finished
 * @param traceparent     the request's W3C {@code traceparent}, or {@code null} (one is then derived from the trace_id)
 */
public record CompletedExecution(String executionId, String traceId, String idempotencyKey, String actionType,
                                 String status, String product, String userId, String role,
                                 JsonNode executionResult, long durationMs, Instant timestamp, String traceparent) {

    public CompletedExecution {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(executionResult, "executionResult");
        Objects.requireNonNull(timestamp, "timestamp");
        idempotencyKey = idempotencyKey == null ? traceId : idempotencyKey;
        if (!"success".equals(status) && !"failed".equals(status)) {
            throw new IllegalArgumentException("status must be success or failed, was " + status);
        }
    }
}

package org.bhiv.executor.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One adapter execution as the store keeps it: what ran, how it ended, and the HTTP answer
 * that a replay sends again.
 *
 * @param executionId    unique id of this execution
 * @param traceId        the decision's trace_id
 * @param idempotencyKey the key it ran under (the Idempotency-Key header, else the trace_id)
 * @param actionType     the payload's action_type, {@code null} when the request named none
 * @param status         "success" or "failed"
 * @param receivedAt     when the request arrived
 * @param durationMs     how long the execution took
 * @param resultJson     the execution_result object as JSON
 * @param responseStatus the HTTP status answered
 * @param responseBody   the HTTP body answered (JSON)
 * @param userId         the payload's user_id ({@code system} when none, as in the Karma event);
 *                       {@code null} for executions stored before it was kept
 */
public record ExecutionRecord(String executionId, String traceId, String idempotencyKey, String actionType,
                              String status, Instant receivedAt, long durationMs, String resultJson,
                              int responseStatus, String responseBody, String userId) {

    public ExecutionRecord {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(resultJson, "resultJson");
        Objects.requireNonNull(responseBody, "responseBody");
        if (durationMs < 0) {
            throw new IllegalArgumentException("durationMs must not be negative, was " + durationMs);
        }
    }

    /** An execution without a user (tests, and callers that do not know one). */
    public ExecutionRecord(String executionId, String traceId, String idempotencyKey, String actionType,
                           String status, Instant receivedAt, long durationMs, String resultJson,
                           int responseStatus, String responseBody) {
        this(executionId, traceId, idempotencyKey, actionType, status, receivedAt, durationMs, resultJson,
                responseStatus, responseBody, null);
    }
}

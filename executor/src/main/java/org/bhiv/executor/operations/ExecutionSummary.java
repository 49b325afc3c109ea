package org.bhiv.executor.operations;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One execution in the answer of {@code GET /api/workflow/executions}; the trace view's details
 * (deliveries, replayable) are at {@code GET /api/workflow/executions/{trace_id}}.
 */
record ExecutionSummary(@JsonProperty("trace_id") String traceId,
                        @JsonProperty("execution_id") String executionId,
                        @JsonProperty("idempotency_key") String idempotencyKey,
                        @JsonProperty("action_type") String actionType,
                        @JsonProperty("status") String status,
                        @JsonProperty("user_id") String userId,
                        @JsonProperty("received_at") Instant receivedAt,
                        @JsonProperty("duration_ms") long durationMs,
                        @JsonProperty("result") JsonNode result) {
}

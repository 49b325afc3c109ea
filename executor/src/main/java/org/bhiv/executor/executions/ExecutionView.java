package org.bhiv.executor.executions;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One execution in the answer of {@code GET /api/workflow/executions/{trace_id}}.
 *
 * @param executionId    the store's id of the execution
 * @param idempotencyKey the key it ran under
 * @param actionType     the payload's action_type ({@code null} when the request named none)
 * @param status         {@code success} or {@code failed}
 * @param receivedAt     when the request arrived
 * @param durationMs     how long it ran
 * @param replayable     true when this answer is replayed for its key
 * @param result         the execution_result
 * @param deliveries     per sink, the delivery of its event
 */
public record ExecutionView(@JsonProperty("execution_id") String executionId,
                            @JsonProperty("idempotency_key") String idempotencyKey,
                            @JsonProperty("action_type") String actionType,
                            @JsonProperty("status") String status,
                            @JsonProperty("received_at") Instant receivedAt,
                            @JsonProperty("duration_ms") long durationMs,
                            @JsonProperty("replayable") boolean replayable,
                            @JsonProperty("result") JsonNode result,
                            @JsonProperty("deliveries") Map<String, ?> deliveries) {
}

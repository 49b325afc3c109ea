package org.bhiv.executor.outbox;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What happened to one event at one sink, as shown by {@code GET /api/workflow/executions/{trace_id}}:
 * {@code pending} (attempts so far, next attempt), {@code delivered} (when, after how many
 * attempts) or {@code dead} (when, last error).
 *
 * @param state         {@code pending}, {@code delivered} or {@code dead}
 * @param eventId       the event's id
 * @param attempts      attempts made
 * @param nextAttemptAt when pending: the earliest next attempt
 * @param deliveredAt   when delivered
 * @param deadAt        when dead
 * @param lastError     the last failure ({@code timeout}, {@code connection_failed}, {@code http_400: <answer>}, ...)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Delivery(@JsonProperty("state") String state,
                       @JsonProperty("event_id") String eventId,
                       @JsonProperty("attempts") int attempts,
                       @JsonProperty("next_attempt_at") Instant nextAttemptAt,
                       @JsonProperty("delivered_at") Instant deliveredAt,
                       @JsonProperty("dead_at") Instant deadAt,
                       @JsonProperty("last_error") String lastError) {
}

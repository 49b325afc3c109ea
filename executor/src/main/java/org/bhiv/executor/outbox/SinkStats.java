package org.bhiv.executor.outbox;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One sink's entry under {@code integrations} in {@code GET /healthz}. {@code pending} and
 * {@code oldest_pending_age_ms} come from the database (all replicas); the counters count what
 * this process did since it started (the same numbers as the Micrometer counters).
 *
 * @param enabled            whether events are written for this sink
 * @param url                the sink's base URL
 * @param state              {@code delivering}, {@code backing_off} (paused after consecutive failures) or {@code disabled}
 * @param pending            events waiting for delivery
 * @param delivered          events delivered
 * @param retried            failed attempts that will be retried
 * @param dead               events given up on
 * @param dropped            events not written because the outbox was full
 * @param oldestPendingAgeMs age of the oldest pending event, 0 when none
 */
public record SinkStats(@JsonProperty("enabled") boolean enabled,
                        @JsonProperty("url") String url,
                        @JsonProperty("state") String state,
                        @JsonProperty("pending") long pending,
                        @JsonProperty("delivered") long delivered,
                        @JsonProperty("retried") long retried,
                        @JsonProperty("dead") long dead,
                        @JsonProperty("dropped") long dropped,
                        @JsonProperty("oldest_pending_age_ms") long oldestPendingAgeMs) {

    /** @return whether this sink makes the executor's health {@code degraded} (backing off or a backlog) */
    public boolean degraded() {
        return state.equals("backing_off");
    }
}

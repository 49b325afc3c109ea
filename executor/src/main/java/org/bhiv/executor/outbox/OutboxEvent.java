package org.bhiv.executor.outbox;

import java.util.Objects;

/**
 * One event for one sink, ready to be written to the outbox.
 *
 * @param eventId     deterministic id (see {@link IntegrationEvents#eventId}); a receiver drops redeliveries by it
 * @param sink        where it goes
 * @param executionId the store's id of the execution it belongs to
 * @param traceId     the decision's trace_id (sent as {@code X-Trace-Id})
 * @param traceparent the W3C {@code traceparent} header to send
 * @param body        the JSON body to post, already redacted
 */
public record OutboxEvent(String eventId, Sink sink, String executionId, String traceId, String traceparent,
                          String body) {

    public OutboxEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(traceparent, "traceparent");
        Objects.requireNonNull(body, "body");
    }
}

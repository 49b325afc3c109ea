package org.bhiv.executor.outbox;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;

import org.bhiv.executor.store.OutboxStore;
import org.bhiv.server.LogSafe;

/**
 * One attempt at one claimed event: send it, then record the outcome in the database, the
 * counters and the log ({@code INTEGRATION_DELIVERED}, {@code INTEGRATION_RETRY},
 * {@code INTEGRATION_DEAD}).
 */
final class SinkAttempt {

    private static final System.Logger LOGGER = System.getLogger(SinkAttempt.class.getName());

    private final Sink sink;
    private final SinkClient client;
    private final Outbox outbox;
    private final OutboxStore store;
    private final IntegrationsConfig config;
    private final SinkMetrics metrics;
    private final Backoff backoff;
    private final String claimToken;

    SinkAttempt(Sink sink, SinkClient client, Outbox outbox, Backoff backoff, String claimToken) {
        this.sink = sink;
        this.client = client;
        this.outbox = outbox;
        this.store = outbox.store();
        this.config = outbox.config();
        this.metrics = outbox.metrics(sink);
        this.backoff = backoff;
        this.claimToken = claimToken;
    }

    /**
     * @param event the claimed event
     * @param probe whether this is the single probe of a paused sink: its failure is the sink's,
     *              so it does not use up the event's {@code max-attempts} and does not move its next attempt
     * @return how the attempt ended
     */
    AttemptResult deliver(OutboxStore.ClaimedEvent event, boolean probe) {
        Instant now = outbox.clock().instant();
        if (expired(event, now)) {
            dead(event, event.attempts(), "max_age", "max_age");
            return new AttemptResult.Expired();
        }
        AttemptResult result = client.send(event);
        int attempts = event.attempts() + 1;
        now = outbox.clock().instant();
        switch (result) {
            case AttemptResult.Delivered d -> {
                if (store.delivered(event, claimToken, attempts, now)) {
                    metrics.delivered(Duration.between(event.createdAt(), now));
                    LOGGER.log(Level.INFO, "INTEGRATION_DELIVERED | sink=" + sink.wireName() + " | trace_id="
                            + LogSafe.value(event.traceId()) + " | attempts=" + attempts);
                }
            }
            case AttemptResult.Rejected r -> dead(event, attempts, r.reason(), r.reason() + ": " + r.answer());
            case AttemptResult.Retryable r when probe -> probeFailed(event, r);
            case AttemptResult.Retryable r -> retry(event, attempts, r, now);
            case AttemptResult.Aborted a -> store.release(event, claimToken);
            case AttemptResult.Expired e -> throw new IllegalStateException("the client never expires an event");
        }
        return result;
    }

    private void retry(OutboxStore.ClaimedEvent event, int attempts, AttemptResult.Retryable r, Instant now) {
        if (attempts >= config.maxAttempts()) {
            dead(event, attempts, "max_attempts", "max_attempts, last: " + r.reason());
            return;
        }
        if (expired(event, now)) {
            dead(event, attempts, "max_age", "max_age, last: " + r.reason());
            return;
        }
        Duration delay = backoff.retryDelay(attempts, r.retryAfter());
        if (store.retry(event, claimToken, attempts, now.plus(delay), r.reason())) {
            metrics.retried();
            LOGGER.log(Level.INFO, "INTEGRATION_RETRY | sink=" + sink.wireName() + " | trace_id="
                    + LogSafe.value(event.traceId()) + " | attempt=" + attempts + " | reason=" + r.reason()
                    + " | next_in_ms=" + delay.toMillis());
        }
    }

    private void probeFailed(OutboxStore.ClaimedEvent event, AttemptResult.Retryable r) {
        if (store.probeFailed(event, claimToken, r.reason())) {
            metrics.retried();
            LOGGER.log(Level.INFO, "INTEGRATION_RETRY | sink=" + sink.wireName() + " | trace_id="
                    + LogSafe.value(event.traceId()) + " | attempt=" + event.attempts() + " | reason=" + r.reason()
                    + " | probe=true");
        }
    }

    private boolean expired(OutboxStore.ClaimedEvent event, Instant now) {
        return !event.createdAt().plus(config.maxAge()).isAfter(now);
    }

    private void dead(OutboxStore.ClaimedEvent event, int attempts, String reason, String error) {
        if (store.dead(event, claimToken, attempts, outbox.clock().instant(), error)) {
            metrics.dead();
            LOGGER.log(Level.WARNING, "INTEGRATION_DEAD | sink=" + sink.wireName() + " | trace_id="
                    + LogSafe.value(event.traceId()) + " | reason=" + LogSafe.value(reason) + " | attempts=" + attempts);
        }
    }
}

package org.bhiv.executor.outbox;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;

import org.bhiv.executor.store.OutboxStore;
import org.bhiv.executor.store.OutboxStore.Finish;
import org.bhiv.server.LogSafe;

/**
 * One attempt at one claimed event: send it and decide what it changes ({@link Step}). The sink
 * loop records the steps of a pass in one write, then each recorded step counts and logs itself
 * ({@code INTEGRATION_DELIVERED}, {@code INTEGRATION_RETRY}, {@code INTEGRATION_DEAD}).
 */
final class SinkAttempt {

    /**
     * How an attempt ended, what it changes in the store, and what it says once that is recorded.
     *
     * @param result     how the attempt ended
     * @param finish     the change to record
     * @param onRecorded counters and log line, run only when the change was recorded (the claim was still ours)
     */
    record Step(AttemptResult result, Finish finish, Runnable onRecorded) {
    }

    private static final System.Logger LOGGER = System.getLogger(SinkAttempt.class.getName());

    private final Sink sink;
    private final SinkClient client;
    private final Outbox outbox;
    private final IntegrationsConfig config;
    private final SinkMetrics metrics;
    private final Backoff backoff;

    SinkAttempt(Sink sink, SinkClient client, Outbox outbox, Backoff backoff) {
        this.sink = sink;
        this.client = client;
        this.outbox = outbox;
        this.config = outbox.config();
        this.metrics = outbox.metrics(sink);
        this.backoff = backoff;
    }

    /**
     * @param event the claimed event
     * @param probe whether this is the single probe of a paused sink: its failure is the sink's,
     *              so it does not use up the event's {@code max-attempts} and does not move its next attempt
     * @return how the attempt ended and what it changes
     */
    Step attempt(OutboxStore.ClaimedEvent event, boolean probe) {
        Instant now = outbox.clock().instant();
        if (expired(event, now)) {
            return dead(new AttemptResult.Expired(), event, event.attempts(), now, "max_age", "max_age");
        }
        AttemptResult result = client.send(event);
        int attempts = event.attempts() + 1;
        Instant at = outbox.clock().instant();
        return switch (result) {
            case AttemptResult.Delivered d -> new Step(result,
                    new Finish(event, Finish.Kind.DELIVERED, attempts, at, null), () -> {
                        metrics.delivered(Duration.between(event.createdAt(), at));
                        LOGGER.log(Level.INFO, "INTEGRATION_DELIVERED | sink=" + sink.wireName() + " | trace_id="
                                + LogSafe.value(event.traceId()) + " | attempts=" + attempts);
                    });
            case AttemptResult.Rejected r -> dead(result, event, attempts, at, r.reason(), r.reason() + ": " + r.answer());
            case AttemptResult.Retryable r when probe -> new Step(result,
                    new Finish(event, Finish.Kind.PROBE_FAILED, event.attempts(), at, r.reason()), () -> {
                        metrics.retried();
                        LOGGER.log(Level.INFO, "INTEGRATION_RETRY | sink=" + sink.wireName() + " | trace_id="
                                + LogSafe.value(event.traceId()) + " | attempt=" + event.attempts() + " | reason="
                                + r.reason() + " | probe=true");
                    });
            case AttemptResult.Retryable r -> retry(result, event, attempts, r, at);
            case AttemptResult.Aborted a -> new Step(result, new Finish(event, Finish.Kind.RELEASE, event.attempts(), at,
                    null), () -> { });
            case AttemptResult.Expired e -> throw new IllegalStateException("the client never expires an event");
        };
    }

    private Step retry(AttemptResult result, OutboxStore.ClaimedEvent event, int attempts, AttemptResult.Retryable r,
                       Instant now) {
        if (attempts >= config.maxAttempts()) {
            return dead(result, event, attempts, now, "max_attempts", "max_attempts, last: " + r.reason());
        }
        if (expired(event, now)) {
            return dead(result, event, attempts, now, "max_age", "max_age, last: " + r.reason());
        }
        Duration delay = backoff.retryDelay(attempts, r.retryAfter());
        return new Step(result, new Finish(event, Finish.Kind.RETRY, attempts, now.plus(delay), r.reason()), () -> {
            metrics.retried();
            LOGGER.log(Level.INFO, "INTEGRATION_RETRY | sink=" + sink.wireName() + " | trace_id="
                    + LogSafe.value(event.traceId()) + " | attempt=" + attempts + " | reason=" + r.reason()
                    + " | next_in_ms=" + delay.toMillis());
        });
    }

    private Step dead(AttemptResult result, OutboxStore.ClaimedEvent event, int attempts, Instant now, String reason,
                      String error) {
        return new Step(result, new Finish(event, Finish.Kind.DEAD, attempts, now, error), () -> {
            metrics.dead();
            LOGGER.log(Level.WARNING, "INTEGRATION_DEAD | sink=" + sink.wireName() + " | trace_id="
                    + LogSafe.value(event.traceId()) + " | reason=" + LogSafe.value(reason) + " | attempts=" + attempts);
        });
    }

    private boolean expired(OutboxStore.ClaimedEvent event, Instant now) {
        return !event.createdAt().plus(config.maxAge()).isAfter(now);
    }
}

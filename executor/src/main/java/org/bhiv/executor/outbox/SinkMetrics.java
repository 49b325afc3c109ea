package org.bhiv.executor.outbox;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;

/**
 * One sink's counters (for {@code /healthz}) and meters (for {@code /observe/metrics}):
 * {@code integration.events{sink, outcome}}, {@code outbox.pending{sink}} and
 * {@code integration.delivery.lag{sink}} (enqueued -> delivered).
 */
final class SinkMetrics {

    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong dead = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong enqueuedSinceRefresh = new AtomicLong();
    private volatile boolean pendingKnown;
    private volatile boolean backingOff;

    private final Counter deliveredCounter;
    private final Counter retriedCounter;
    private final Counter deadCounter;
    private final Counter droppedCounter;
    private final Timer lag;

    SinkMetrics(Sink sink, MeterRegistry registry) {
        deliveredCounter = counter(registry, sink, "delivered");
        retriedCounter = counter(registry, sink, "retried");
        deadCounter = counter(registry, sink, "dead");
        droppedCounter = counter(registry, sink, "dropped");
        List<Tag> sinkTag = List.of(Tag.create("sink", sink.wireName()));
        // the gauge reads this instance: the newest outbox of a registry owns it (tests start several)
        registry.remove("outbox.pending", sinkTag);
        registry.getOrCreate(Gauge.builder("outbox.pending", pending::get)
                .description("Integration events waiting in the outbox")
                .tags(sinkTag));
        lag = registry.getOrCreate(Timer.builder("integration.delivery.lag")
                .description("From enqueue (the answer) to delivery")
                .publishPercentileHistogram(true)
                .tags(List.of(Tag.create("sink", sink.wireName()))));
    }

    private static Counter counter(MeterRegistry registry, Sink sink, String outcome) {
        return registry.getOrCreate(Counter.builder("integration.events")
                .description("Integration events by sink and outcome")
                .tags(List.of(Tag.create("sink", sink.wireName()), Tag.create("outcome", outcome))));
    }

    void delivered(Duration lagTime) {
        delivered.incrementAndGet();
        deliveredCounter.increment();
        lag.record(lagTime);
    }

    void retried() {
        retried.incrementAndGet();
        retriedCounter.increment();
    }

    void dead() {
        dead.incrementAndGet();
        deadCounter.increment();
    }

    void dropped(int n) {
        dropped.addAndGet(n);
        droppedCounter.increment(n);
    }

    /** The pending count just read from the database (all replicas). */
    void pending(long count) {
        pending.set(count);
        enqueuedSinceRefresh.set(0);
        pendingKnown = true;
    }

    /** This process wrote an event since the last {@link #pending(long)}. */
    void enqueued() {
        enqueuedSinceRefresh.incrementAndGet();
    }

    /** @return the last known pending count plus what this process wrote since, or -1 before the first count */
    long pendingEstimate() {
        return pendingKnown ? pending.get() + enqueuedSinceRefresh.get() : -1;
    }

    void backingOff(boolean value) {
        backingOff = value;
    }

    boolean backingOff() {
        return backingOff;
    }

    long deliveredCount() {
        return delivered.get();
    }

    long retriedCount() {
        return retried.get();
    }

    long deadCount() {
        return dead.get();
    }

    long droppedCount() {
        return dropped.get();
    }
}

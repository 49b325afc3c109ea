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
    private final AtomicLong enqueued = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    private volatile Baseline baseline;
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
        finished.incrementAndGet();
        delivered.incrementAndGet();
        deliveredCounter.increment();
        lag.record(lagTime);
    }

    void retried() {
        retried.incrementAndGet();
        retriedCounter.increment();
    }

    void dead() {
        finished.incrementAndGet();
        dead.incrementAndGet();
        deadCounter.increment();
    }

    void dropped(int n) {
        dropped.addAndGet(n);
        droppedCounter.increment(n);
    }

    /** What this process had written and finished when a backlog read began. */
    record Mark(long enqueued, long finished) {
    }

    /** The pending count as read, and the mark taken just before the read. */
    private record Baseline(long count, Mark before) {
    }

    /** @return the mark to pass to {@link #pending(long, Mark)}: take it before reading the count */
    Mark mark() {
        return new Mark(enqueued.get(), finished.get());
    }

    /**
     * The pending count just read from the database (all replicas).
     *
     * @param before the {@link #mark()} taken before the read: what this process writes or finishes
     *               while the count runs is then not lost from {@link #pendingEstimate()} (it may be
     *               counted twice, which errs toward the bound); only events of a transaction still
     *               uncommitted when the count ran (one group commit at most) are missed until the next read
     */
    void pending(long count, Mark before) {
        pending.set(count);
        baseline = new Baseline(count, before);
    }

    /** This process wrote an event (inside a transaction not yet committed). */
    void enqueued() {
        enqueued.incrementAndGet();
    }

    /**
     * @return the last pending count read plus what this process wrote since, minus what it
     *         delivered or gave up since (never below 0); -1 before the first read. O(1): the bound
     *         of {@code max-pending} is checked against it on every enqueue.
     */
    long pendingEstimate() {
        Baseline b = baseline;
        if (b == null) {
            return -1;
        }
        return Math.max(0, b.count() + enqueued.get() - b.before().enqueued() - (finished.get() - b.before().finished()));
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

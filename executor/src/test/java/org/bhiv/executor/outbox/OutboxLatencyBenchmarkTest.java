package org.bhiv.executor.outbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Outbox delivery lag: from "the caller's transaction committed and it called afterCommit()"
 * to "the receiver got the request", with both receivers up, default settings (scan interval
 * 1 s, so the figures show the wake-up path, not the scan). Figures go to docs/benchmarks.md.
 */
@Tag("benchmark")
class OutboxLatencyBenchmarkTest {

    private static final int WARM_UP = 50;
    private static final int EVENTS = 300;

    @Test
    void deliveryLagWithBothReceiversUp(@TempDir Path dir) throws Exception {
        try (Receiver bucket = Receiver.start();
             Receiver karma = Receiver.start();
             OutboxFixture f = new OutboxFixture(dir, bucket.url(), karma.url(),
                     Map.of("integrations.outbox.scan-interval", "PT1S"))) {
            OutboxDispatcher dispatcher = OutboxDispatcher.create(f.outbox);
            dispatcher.start();
            Map<String, Long> committedAt = new HashMap<>();
            long[] enqueueMicros = new long[EVENTS];
            try {
                for (int i = 0; i < WARM_UP + EVENTS; i++) {
                    String trace = (i < WARM_UP ? "warm-" : "bench-") + i;
                    long start = System.nanoTime();
                    f.enqueueCommitted(OutboxFixture.execution(trace));
                    long done = System.nanoTime();
                    committedAt.put(trace, done);
                    if (i >= WARM_UP) {
                        enqueueMicros[i - WARM_UP] = (done - start) / 1_000;
                    }
                    // one decision every 2 ms: a steady stream rather than one burst
                    long next = done + 2_000_000;
                    while (System.nanoTime() < next) {
                        Thread.onSpinWait();
                    }
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> bucket.received().size() == WARM_UP + EVENTS
                        && karma.received().size() == WARM_UP + EVENTS);
            } finally {
                dispatcher.shutdown(Duration.ofSeconds(1));
            }
            long[] bucketLag = lagsMicros(bucket, committedAt);
            long[] karmaLag = lagsMicros(karma, committedAt);
            Arrays.sort(enqueueMicros);
            System.out.printf("OUTBOX_BENCHMARK | events=%d | bucket_lag_ms p50=%.2f p99=%.2f max=%.2f"
                            + " | karma_lag_ms p50=%.2f p99=%.2f max=%.2f | enqueue_commit_ms p50=%.2f p99=%.2f%n",
                    EVENTS, pct(bucketLag, 50), pct(bucketLag, 99), pct(bucketLag, 100),
                    pct(karmaLag, 50), pct(karmaLag, 99), pct(karmaLag, 100),
                    pct(enqueueMicros, 50), pct(enqueueMicros, 99));
            assertThat(bucket.countsByEventId().values()).containsOnly(1);
            // Figures are reported, not asserted tightly: this machine's 2 cores are shared. The median
            // below the 1 s scan interval shows that delivery is driven by the wake-up, not by the scan.
            assertThat(pct(bucketLag, 50)).isLessThan(1000);
            assertThat(pct(karmaLag, 50)).isLessThan(1000);
        }
    }

    @Test
    void enqueueCostWithALargeBacklog(@TempDir Path dir) throws Exception {
        int closed = Receiver.closedPort();
        try (OutboxFixture f = new OutboxFixture(dir, "http://127.0.0.1:" + closed, "http://127.0.0.1:" + closed, Map.of())) {
            int backlog = 50_000;
            try (Connection c = f.db.dataSource().getConnection()) {
                // H2-only bulk fill for the measurement: a sink that has been down for a while
                c.createStatement().executeUpdate("""
                        INSERT INTO outbox_pending (event_id, sink, execution_id, trace_id, traceparent, payload,
                                                    attempts, created_at, next_attempt_at)
                        SELECT 'bulk-' || "X", 'bucket', 'bulk', 'bulk', 'tp', '{}', 0,
                               TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00Z', TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00Z'
                        FROM SYSTEM_RANGE(1, %d)""".formatted(backlog));
            }
            assertThat(f.outbox.stats().get("bucket").pending()).isEqualTo(backlog); // as the dispatcher's scan does
            long[] micros = new long[100];
            for (int i = 0; i < micros.length; i++) {
                long start = System.nanoTime();
                f.enqueueCommitted(OutboxFixture.execution("backlog-" + i));
                micros[i] = (System.nanoTime() - start) / 1_000;
            }
            Arrays.sort(micros);
            System.out.printf("OUTBOX_BENCHMARK | backlog=%d | enqueue_commit_ms p50=%.2f p99=%.2f%n",
                    backlog, pct(micros, 50), pct(micros, 99));
            assertThat(f.rows("pending")).isEqualTo(backlog + 200);
            // A regression guard, not a benchmark bound (pct is in ms): an exact COUNT over this backlog on every
            // enqueue cost 10-30 ms; the median measured here is 0.05-0.13 ms, under 1 ms on a loaded 2-core machine.
            assertThat(pct(micros, 50)).as("enqueue stays cheap with a large backlog (no COUNT below 90 %), p50 in ms")
                    .isLessThan(20);
        }
    }

    @Test
    void backlogDrainThroughputOnceTheReceiversAreBack(@TempDir Path dir) throws Exception {
        int executions = 1_000;
        try (Receiver bucket = Receiver.start();
             Receiver karma = Receiver.start();
             OutboxFixture f = new OutboxFixture(dir, bucket.url(), karma.url(), Map.of())) {
            for (int i = 0; i < executions; i++) {
                f.enqueueCommitted(OutboxFixture.execution("backlog-" + i));
            }
            OutboxDispatcher dispatcher = OutboxDispatcher.create(f.outbox);
            long start = System.nanoTime();
            dispatcher.start();
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> f.rows("pending") == 0);
            } finally {
                dispatcher.shutdown(Duration.ofSeconds(1));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("OUTBOX_BENCHMARK | backlog_drain | events=%d | seconds=%.2f | events_per_s=%.0f%n",
                    2 * executions, seconds, 2 * executions / seconds);
            assertThat(bucket.countsByEventId()).hasSize(executions);
            assertThat(bucket.countsByEventId().values()).containsOnly(1);
            assertThat(karma.countsByEventId()).hasSize(executions);
        }
    }

    private static long[] lagsMicros(Receiver receiver, Map<String, Long> committedAt) {
        List<Long> lags = new ArrayList<>();
        for (var r : receiver.received()) {
            String trace = r.headers().getFirst("X-Trace-Id");
            if (trace.startsWith("bench-")) {
                lags.add(Math.max(0, (r.arrivedAtNanos() - committedAt.get(trace)) / 1_000));
            }
        }
        assertThat(lags).hasSize(EVENTS);
        return lags.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** @return the percentile in milliseconds (nearest rank) of sorted microseconds */
    private static double pct(long[] sortedMicros, int percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sortedMicros.length);
        return sortedMicros[Math.max(0, Math.min(sortedMicros.length - 1, rank - 1))] / 1000.0;
    }
}

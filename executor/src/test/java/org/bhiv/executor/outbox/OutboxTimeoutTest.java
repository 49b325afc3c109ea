package org.bhiv.executor.outbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OutboxTimeoutTest {

    @Test
    void aReceiverThatNeverAnswersCostsEachAttemptAtMostTheTimeoutAndNeverSlowsTheCaller(@TempDir Path dir)
            throws Exception {
        try (HangingReceiver bucket = new HangingReceiver();
             Receiver karma = Receiver.start();
             OutboxFixture f = new OutboxFixture(dir, bucket.url(), karma.url(), Map.of("integrations.timeout", "PT2S"))) {
            OutboxDispatcher dispatcher = OutboxDispatcher.create(f.outbox);
            dispatcher.start();
            try {
                long t0 = System.nanoTime();
                f.enqueueCommitted(OutboxFixture.execution("hang-0"));
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() ->
                        "timeout".equals(f.deliveries("exec-hang-0").get("bucket").lastError()));
                long firstAttemptMs = (System.nanoTime() - t0) / 1_000_000;
                assertThat(firstAttemptMs).as("first attempt ended by the 2 s timeout").isBetween(1_900L, 4_000L);
                assertThat(bucket.connections()).isPositive();

                long slowest = 0;
                for (int i = 1; i <= 30; i++) {
                    long start = System.nanoTime();
                    f.enqueueCommitted(OutboxFixture.execution("hang-" + i));
                    slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
                }
                // far below the 2 s attempt timeout it proves does not block the caller, generous for a loaded machine
                assertThat(slowest).as("enqueue + commit while the sink hangs, slowest of 30 (ms)").isLessThan(1_500);
                await().atMost(Duration.ofSeconds(3)).until(() -> karma.countsByEventId().size() == 31);
                var bucketStats = f.outbox.stats().get("bucket");
                assertThat(bucketStats.pending()).isEqualTo(31);
                assertThat(bucketStats.delivered()).isZero();
                assertThat(bucketStats.retried()).isPositive();
                assertThat(f.outbox.stats().get("karma").delivered()).as("one sink hanging does not hold the other")
                        .isEqualTo(31);
            } finally {
                long start = System.nanoTime();
                dispatcher.shutdown(Duration.ofMillis(500));
                assertThat((System.nanoTime() - start) / 1_000_000).as("shutdown is bounded").isLessThan(3_500);
            }
        }
    }
}

package org.bhiv.executor.outbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A paused sink costs an execution nothing until its next probe, and never holds up a shutdown. */
class OutboxPauseTest {

    @TempDir
    Path dir;

    @Test
    void aCommitWakesOnlyTheSinksThatAreNotPaused() {
        try (var f = new OutboxFixture(dir, "http://127.0.0.1:9", "http://127.0.0.1:9", Map.of())) {
            f.outbox.metrics(Sink.BUCKET).backingOff(true);

            f.outbox.afterCommit();

            assertThat(f.outbox.signal(Sink.BUCKET).raised()).as("paused: sleeps until its probe").isFalse();
            assertThat(f.outbox.signal(Sink.KARMA).raised()).as("delivering: woken at once").isTrue();
        }
    }

    @Test
    void shutdownDoesNotWaitForAPausedSinksNextProbe() throws Exception {
        try (Receiver bucket = Receiver.start().answer(r -> Receiver.Reply.status(503, "{}"));
             Receiver karma = Receiver.start();
             var f = new OutboxFixture(dir, bucket.url(), karma.url(), Map.of(
                     "integrations.backoff.pause-after-failures", "1",
                     "integrations.backoff.initial", "PT60S",
                     "integrations.backoff.max", "PT120S"))) {
            f.enqueueCommitted(OutboxFixture.execution("paused-1"));
            OutboxDispatcher dispatcher = OutboxDispatcher.create(f.outbox);
            dispatcher.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> f.outbox.snapshot().get("bucket").state().equals("backing_off"));
            for (int i = 2; i <= 20; i++) {
                f.enqueueCommitted(OutboxFixture.execution("paused-" + i));
            }

            // the pause lasts at least a minute: only the dispatcher's own wake-up ends the loop in time
            assertThat(dispatcher.shutdown(Duration.ofSeconds(5))).as("every loop ended within the drain").isTrue();
            assertThat(bucket.received()).as("no probe before the pause ends").hasSize(1);
            assertThat(karma.countsByEventId()).hasSize(20);
        }
    }
}

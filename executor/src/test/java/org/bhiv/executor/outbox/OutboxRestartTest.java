package org.bhiv.executor.outbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OutboxRestartTest {

    @TempDir
    Path dir;

    @Test
    void pendingEventsAreDeliveredByANewDispatcherOnTheSameDatabaseFile() throws Exception {
        int bucketPort = Receiver.closedPort();
        int karmaPort = Receiver.closedPort();
        String bucketUrl = "http://127.0.0.1:" + bucketPort;
        String karmaUrl = "http://127.0.0.1:" + karmaPort;
        try (OutboxFixture first = new OutboxFixture(dir, bucketUrl, karmaUrl, Map.of())) {
            OutboxDispatcher dispatcher = OutboxDispatcher.create(first.outbox);
            dispatcher.start();
            for (int i = 0; i < 10; i++) {
                first.enqueueCommitted(OutboxFixture.execution("restart-" + i));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> first.outbox.stats().get("bucket").retried() >= 10);
            dispatcher.shutdown(Duration.ofMillis(200));
            assertThat(first.rows("pending")).isEqualTo(20);
        }

        try (Receiver bucket = Receiver.startOn(bucketPort);
             Receiver karma = Receiver.startOn(karmaPort);
             OutboxFixture second = new OutboxFixture(dir, bucketUrl, karmaUrl, Map.of())) {
            assertThat(second.outbox.stats().get("bucket").pending()).as("survived the restart").isEqualTo(10);
            OutboxDispatcher dispatcher = OutboxDispatcher.create(second.outbox);
            dispatcher.start();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> bucket.countsByEventId().size() == 10
                        && karma.countsByEventId().size() == 10);
                await().atMost(Duration.ofSeconds(5)).until(() -> second.rows("pending") == 0);
                assertThat(bucket.countsByEventId().values()).containsOnly(1);
                assertThat(karma.countsByEventId().values()).containsOnly(1);
                assertThat(second.deliveries("exec-restart-3").get("bucket").state()).isEqualTo("delivered");
                assertThat(second.deliveries("exec-restart-3").get("bucket").attempts()).isGreaterThan(1);
            } finally {
                dispatcher.shutdown(Duration.ZERO);
            }
        }
    }

    @Test
    void shutdownDeliversWhatIsPendingBeforeItStops() throws Exception {
        try (Receiver bucket = Receiver.start();
             Receiver karma = Receiver.start();
             OutboxFixture f = new OutboxFixture(dir, bucket.url(), karma.url(), Map.of())) {
            for (int i = 0; i < 50; i++) {
                f.enqueueCommitted(OutboxFixture.execution("drain-" + i));
            }
            OutboxDispatcher dispatcher = OutboxDispatcher.create(f.outbox);
            dispatcher.start();
            boolean clean = dispatcher.shutdown(Duration.ofSeconds(5));

            assertThat(clean).isTrue();
            assertThat(f.rows("pending")).isZero();
            assertThat(bucket.countsByEventId()).hasSize(50);
            assertThat(karma.countsByEventId()).hasSize(50);
        }
    }

    @Test
    void attemptsWaitingForAConnectionAtTheDrainDeadlineAreNeverSentAndStayPendingUnclaimed() throws Exception {
        try (HangingReceiver bucket = new HangingReceiver();
             OutboxFixture f = new OutboxFixture(dir, bucket.url(), "http://127.0.0.1:1",
                     Map.of("integrations.karma.enabled", "false", "integrations.outbox.concurrency", "2"))) {
            for (int i = 0; i < 6; i++) {
                f.enqueueCommitted(OutboxFixture.execution("queued-" + i));
            }
            OutboxDispatcher dispatcher = OutboxDispatcher.create(f.outbox);
            dispatcher.start();
            await().atMost(Duration.ofSeconds(2)).until(() -> bucket.connections() == 2);

            boolean clean = dispatcher.shutdown(Duration.ofMillis(300));

            assertThat(clean).isFalse();
            assertThat(bucket.connections()).as("the four waiting for a permit were never sent").isEqualTo(2);
            try (Connection c = f.db.dataSource().getConnection();
                 ResultSet rs = c.createStatement().executeQuery(
                         "SELECT COUNT(*) FROM outbox_pending WHERE claimed_until IS NULL AND attempts = 0")) {
                rs.next();
                assertThat(rs.getInt(1)).as("all six released, no attempt counted").isEqualTo(6);
            }
        }
    }

    @Test
    void shutdownWithAHangingSinkStopsAtTheDrainDeadlineAndKeepsTheEventsUnclaimed() throws Exception {
        try (HangingReceiver bucket = new HangingReceiver();
             Receiver karma = Receiver.start();
             OutboxFixture f = new OutboxFixture(dir, bucket.url(), karma.url(), Map.of())) {
            OutboxDispatcher dispatcher = OutboxDispatcher.create(f.outbox);
            dispatcher.start();
            f.enqueueCommitted(OutboxFixture.execution("stuck-1"));
            await().atMost(Duration.ofSeconds(2)).until(() -> bucket.connections() > 0);

            long start = System.nanoTime();
            boolean clean = dispatcher.shutdown(Duration.ofMillis(300));
            long tookMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(clean).isFalse();
            assertThat(tookMs).as("drain deadline, then in-flight attempts are cancelled").isLessThan(2_500);
            assertThat(f.rows("pending")).isEqualTo(1);
            try (Connection c = f.db.dataSource().getConnection();
                 ResultSet rs = c.createStatement().executeQuery(
                         "SELECT claimed_until, attempts FROM outbox_pending WHERE sink = 'bucket'")) {
                rs.next();
                assertThat(rs.getObject(1)).as("released for the next start").isNull();
                assertThat(rs.getInt(2)).as("a cancelled attempt does not count").isZero();
            }
        }
    }
}

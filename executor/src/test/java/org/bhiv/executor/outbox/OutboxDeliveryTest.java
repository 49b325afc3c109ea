package org.bhiv.executor.outbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.metrics.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OutboxDeliveryTest {

    @TempDir
    Path dir;

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void eventsWaitWhileTheReceiverIsDownAndArriveExactlyOnceWhenItComesBack() throws Exception {
        int bucketPort = Receiver.closedPort();
        Receiver karma = open(Receiver.start());
        OutboxFixture f = open(new OutboxFixture(dir, "http://127.0.0.1:" + bucketPort, karma.url(), Map.of()));
        OutboxDispatcher dispatcher = start(f);

        for (int i = 0; i < 20; i++) {
            assertThat(f.enqueueCommitted(OutboxFixture.execution("down-" + i))).isEqualTo(2);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> karma.countsByEventId().size() == 20);
        await().atMost(Duration.ofSeconds(10)).until(() -> f.outbox.stats().get("bucket").retried() > 0);
        var whileDown = f.outbox.stats().get("bucket");
        assertThat(whileDown.pending()).isEqualTo(20);
        assertThat(whileDown.delivered()).isZero();
        assertThat(whileDown.oldestPendingAgeMs()).isPositive();
        assertThat(f.deliveries("exec-down-0").get("bucket").state()).isEqualTo("pending");
        assertThat(f.deliveries("exec-down-0").get("bucket").lastError()).isEqualTo("connection_failed");
        assertThat(f.registry.gauge("outbox.pending", List.of(Tag.create("sink", "bucket")))
                .map(g -> g.value().longValue())).as("pending gauge").contains(20L);

        Receiver bucket = open(Receiver.startOn(bucketPort));
        await().atMost(Duration.ofSeconds(15)).until(() -> bucket.countsByEventId().size() == 20);
        await().atMost(Duration.ofSeconds(5)).until(() -> f.rows("pending") == 0);

        assertThat(bucket.countsByEventId().values()).as("each event exactly once").containsOnly(1);
        assertThat(karma.countsByEventId().values()).containsOnly(1);
        var stats = f.outbox.stats();
        assertThat(stats.get("bucket").delivered()).isEqualTo(20);
        assertThat(stats.get("bucket").pending()).isZero();
        assertThat(stats.get("bucket").state()).isEqualTo("delivering");
        assertThat(stats.get("karma").delivered()).isEqualTo(20);
        assertThat(f.counter("bucket", "delivered")).isEqualTo(20.0);
        assertThat(f.counter("bucket", "retried")).isPositive();
        assertThat(f.registry.timer("integration.delivery.lag", List.of(Tag.create("sink", "bucket")))
                .map(t -> t.count())).as("lag timer recorded every delivery").hasValueSatisfying(n -> assertThat(n).isGreaterThanOrEqualTo(20));
        var delivery = f.deliveries("exec-down-0").get("bucket");
        assertThat(delivery.state()).isEqualTo("delivered");
        assertThat(delivery.attempts()).isGreaterThan(1);
        assertThat(delivery.deliveredAt()).isNotNull();
        dispatcher.shutdown(Duration.ofSeconds(1));
    }

    @Test
    void everyRequestCarriesTraceHeadersContentTypeAndTheSinksBearerToken() throws Exception {
        Receiver bucket = open(Receiver.start());
        Receiver karma = open(Receiver.start());
        OutboxFixture f = open(new OutboxFixture(dir, bucket.url(), karma.url(), Map.of()));
        start(f);

        f.enqueueCommitted(OutboxFixture.execution("headers-1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> bucket.received().size() == 1 && karma.received().size() == 1);

        var b = bucket.received().getFirst();
        assertThat(b.path()).isEqualTo("/core/write-event");
        assertThat(b.headers().getFirst("X-Trace-Id")).isEqualTo("headers-1");
        assertThat(b.headers().getFirst("Authorization")).isEqualTo("Bearer bucket-secret-token");
        assertThat(b.headers().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(Traceparent.isValid(b.headers().getFirst("traceparent"))).isTrue();
        assertThat(b.body().get("event_data").get("trace_id").asText()).isEqualTo("headers-1");
        var k = karma.received().getFirst();
        assertThat(k.path()).isEqualTo("/v1/event/");
        assertThat(k.headers().getFirst("Authorization")).isEqualTo("Bearer karma-secret-token");
        assertThat(k.headers().getFirst("X-Trace-Id")).isEqualTo("headers-1");
        assertThat(k.body().get("data").get("action").asText()).isEqualTo("workflow_success");
    }

    @Test
    void aRejectedEventIsDeadAfterOneAttemptWithTheAnswerRecorded() throws Exception {
        Receiver bucket = open(Receiver.start().answer(r -> Receiver.Reply.status(400, "{\"detail\": \"bad_event\"}")));
        Receiver karma = open(Receiver.start());
        OutboxFixture f = open(new OutboxFixture(dir, bucket.url(), karma.url(), Map.of()));
        start(f);

        f.enqueueCommitted(OutboxFixture.execution("rejected-1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> f.rows("dead") == 1);

        var dead = f.deliveries("exec-rejected-1").get("bucket");
        assertThat(dead.state()).isEqualTo("dead");
        assertThat(dead.attempts()).isEqualTo(1);
        assertThat(dead.deadAt()).isNotNull();
        assertThat(dead.lastError()).isEqualTo("http_400: {\"detail\": \"bad_event\"}");
        assertThat(f.outbox.stats().get("bucket").dead()).isEqualTo(1);
        assertThat(f.outbox.stats().get("bucket").retried()).isZero();
        assertThat(f.counter("bucket", "dead")).isEqualTo(1.0);
        // a later event goes through the same loop: by the time it is dead too, the first was not retried
        f.enqueueCommitted(OutboxFixture.execution("rejected-2"));
        await().atMost(Duration.ofSeconds(5)).until(() -> f.rows("dead") == 2);
        assertThat(bucket.received()).hasSize(2);
        assertThat(bucket.received()).extracting(Receiver.Received::eventId).doesNotHaveDuplicates();
        assertThat(f.deliveries("exec-rejected-1").get("karma").state()).isEqualTo("delivered");
    }

    @Test
    void anEventIsDeadAfterMaxAttemptsWithTheLastReasonRecorded() throws Exception {
        Receiver bucket = open(Receiver.start().answer(r -> Receiver.Reply.status(503, "{}")));
        Receiver karma = open(Receiver.start());
        OutboxFixture f = open(new OutboxFixture(dir, bucket.url(), karma.url(),
                Map.of("integrations.max-attempts", "3", "integrations.backoff.pause-after-failures", "10")));
        start(f);

        f.enqueueCommitted(OutboxFixture.execution("attempts-1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> f.rows("dead") == 1);

        var dead = f.deliveries("exec-attempts-1").get("bucket");
        assertThat(dead.state()).isEqualTo("dead");
        assertThat(dead.attempts()).isEqualTo(3);
        assertThat(dead.lastError()).isEqualTo("max_attempts, last: http_503");
        assertThat(bucket.received()).hasSize(3);
        assertThat(f.outbox.stats().get("bucket").retried()).isEqualTo(2);
        assertThat(f.counter("bucket", "dead")).isEqualTo(1.0);
    }

    @Test
    void anEventIsDeadOnceOlderThanMaxAge() throws Exception {
        int closed = Receiver.closedPort();
        Receiver karma = open(Receiver.start());
        OutboxFixture f = open(new OutboxFixture(dir, "http://127.0.0.1:" + closed, karma.url(),
                Map.of("integrations.max-age", "PT0.7S")));
        start(f);

        f.enqueueCommitted(OutboxFixture.execution("old-1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> f.rows("dead") == 1);

        var dead = f.deliveries("exec-old-1").get("bucket");
        assertThat(dead.state()).isEqualTo("dead");
        assertThat(dead.lastError()).startsWith("max_age");
        assertThat(dead.attempts()).isPositive();
        assertThat(f.deliveries("exec-old-1").get("karma").state()).isEqualTo("delivered");
    }

    @Test
    void retryAfterFromTheReceiverIsHonoured() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Receiver bucket = open(Receiver.start().answer(r -> calls.incrementAndGet() == 1
                ? new Receiver.Reply(429, Map.of("Retry-After", "1"), "{}")
                : Receiver.Reply.ok()));
        Receiver karma = open(Receiver.start());
        OutboxFixture f = open(new OutboxFixture(dir, bucket.url(), karma.url(), Map.of()));
        start(f);

        f.enqueueCommitted(OutboxFixture.execution("limited-1"));
        await().atMost(Duration.ofSeconds(5)).until(() ->
                f.deliveries("exec-limited-1").get("bucket").state().equals("delivered"));

        var received = bucket.received();
        assertThat(received).hasSize(2);
        assertThat(received.get(1).arrivedAtMillis() - received.get(0).arrivedAtMillis())
                .as("second attempt not before Retry-After (backoff cap here is 0.3 s)").isGreaterThanOrEqualTo(950);
        var delivery = f.deliveries("exec-limited-1").get("bucket");
        assertThat(delivery.state()).isEqualTo("delivered");
        assertThat(delivery.attempts()).isEqualTo(2);
    }

    @Test
    void aFullOutboxDropsNewEventsWhileTheCallersTransactionCommits() throws Exception {
        int closed = Receiver.closedPort();
        OutboxFixture f = open(new OutboxFixture(dir, "http://127.0.0.1:" + closed, "http://127.0.0.1:" + closed,
                Map.of("integrations.outbox.max-pending", "3", "integrations.karma.enabled", "false")));

        for (int i = 0; i < 5; i++) {
            try (Connection c = f.db.dataSource().getConnection()) {
                c.setAutoCommit(false);
                c.createStatement().executeUpdate("INSERT INTO store_info (info_key, info_value) VALUES ('k" + i + "', 'v')");
                f.outbox.enqueue(c, f.outbox.eventsOf(OutboxFixture.execution("full-" + i)));
                c.commit();
            }
        }

        assertThat(f.rows("pending")).isEqualTo(3);
        try (Connection c = f.db.dataSource().getConnection();
             var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM store_info WHERE info_key LIKE 'k%'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("every caller transaction committed").isEqualTo(5);
        }
        var stats = f.outbox.stats();
        assertThat(stats.get("bucket").pending()).isEqualTo(3);
        assertThat(stats.get("bucket").dropped()).isEqualTo(2);
        assertThat(f.counter("bucket", "dropped")).isEqualTo(2.0);
        assertThat(f.deliveries("exec-full-4")).isEmpty();
    }

    @Test
    void theBoundIsCheckedAgainstTheLastBacklogReadAndOwnWritesNotACountPerEnqueue() throws Exception {
        int closed = Receiver.closedPort();
        OutboxFixture f = open(new OutboxFixture(dir, "http://127.0.0.1:" + closed, "http://127.0.0.1:" + closed,
                Map.of("integrations.outbox.max-pending", "3", "integrations.karma.enabled", "false")));
        assertThat(f.outbox.stats().get("bucket").pending()).isZero();
        try (Connection c = f.db.dataSource().getConnection()) {
            // another replica writes three events; this process learns of them at its next backlog read
            for (int i = 0; i < 3; i++) {
                f.outbox.store().insert(c, new org.bhiv.executor.store.OutboxStore.NewEvent("other-" + i, "bucket",
                        "exec-other", "other", "tp", "{}"), java.time.Instant.now());
            }
        }

        assertThat(f.enqueueCommitted(OutboxFixture.execution("bound-1")))
                .as("checked against the last read plus this process's writes, not a count of the rows").isEqualTo(1);
        assertThat(f.enqueueCommitted(OutboxFixture.execution("bound-2"))).isEqualTo(1);
        assertThat(f.enqueueCommitted(OutboxFixture.execution("bound-3"))).isEqualTo(1);
        assertThat(f.enqueueCommitted(OutboxFixture.execution("bound-4"))).as("own writes reach the bound").isZero();
        assertThat(f.outbox.stats().get("bucket").pending()).isEqualTo(6);
        assertThat(f.outbox.stats().get("bucket").dropped()).isEqualTo(1);
        assertThat(f.enqueueCommitted(OutboxFixture.execution("bound-5"))).as("after the read: full").isZero();
        assertThat(f.counter("bucket", "dropped")).isEqualTo(2.0);
    }

    @Test
    void aPassSendsItsWholeBatchButNeverMoreThanConcurrencyRequestsAtOnce() throws Exception {
        Receiver bucket = open(Receiver.start().answer(r -> {
            try {
                Thread.sleep(50); // a slow receiver: requests overlap as much as the sender lets them
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Receiver.Reply.ok();
        }));
        OutboxFixture f = open(new OutboxFixture(dir, bucket.url(), "http://127.0.0.1:1",
                Map.of("integrations.karma.enabled", "false", "integrations.outbox.batch-size", "64",
                        "integrations.outbox.concurrency", "4")));
        for (int i = 0; i < 100; i++) {
            f.enqueueCommitted(OutboxFixture.execution("bounded-" + i));
        }
        start(f);

        await().atMost(Duration.ofSeconds(20)).until(() -> bucket.countsByEventId().size() == 100);
        await().atMost(Duration.ofSeconds(5)).until(() -> f.rows("pending") == 0);
        assertThat(bucket.maxConcurrentRequests()).as("the bound is used, and never exceeded").isEqualTo(4);
        assertThat(bucket.countsByEventId().values()).containsOnly(1);
        assertThat(f.rows("delivered")).isEqualTo(100);
    }

    @Test
    void aDisabledSinkGetsNoEventsAndSaysSo() throws Exception {
        Receiver bucket = open(Receiver.start());
        OutboxFixture f = open(new OutboxFixture(dir, bucket.url(), "http://127.0.0.1:1",
                Map.of("integrations.karma.enabled", "false")));
        start(f);

        assertThat(f.enqueueCommitted(OutboxFixture.execution("disabled-1"))).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> bucket.countsByEventId().size() == 1);

        var karma = f.outbox.stats().get("karma");
        assertThat(karma.enabled()).isFalse();
        assertThat(karma.state()).isEqualTo("disabled");
        assertThat(karma.pending()).isZero();
        assertThat(f.deliveries("exec-disabled-1").keySet()).containsExactly("bucket");
    }

    @Test
    void enqueueingAnEventTwiceWritesItOnceAndKeepsTheTransactionUsable() throws Exception {
        Receiver bucket = open(Receiver.start());
        Receiver karma = open(Receiver.start());
        OutboxFixture f = open(new OutboxFixture(dir, bucket.url(), karma.url(), Map.of()));

        assertThat(f.enqueueCommitted(OutboxFixture.execution("twice-1"))).isEqualTo(2);
        assertThat(f.enqueueCommitted(OutboxFixture.execution("twice-1"))).isZero();
        assertThat(f.rows("pending")).isEqualTo(2);
        assertThat(new DeliveryStates(f.db).byTrace("twice-1")).containsOnlyKeys("exec-twice-1");
    }

    @Test
    void aSinkThatKeepsFailingIsPausedAndProbedOneRequestAtATime() throws Exception {
        Receiver bucket = open(Receiver.start().answer(r -> Receiver.Reply.status(503, "{}")));
        Receiver karma = open(Receiver.start());
        OutboxFixture f = open(new OutboxFixture(dir, bucket.url(), karma.url(),
                Map.of("integrations.backoff.pause-after-failures", "3", "integrations.backoff.max", "PT0.5S",
                        "integrations.outbox.batch-size", "32")));
        for (int i = 0; i < 40; i++) {
            f.enqueueCommitted(OutboxFixture.execution("storm-" + i));
        }
        long started = System.nanoTime();
        start(f);

        // the first pass sends one batch of 32 at once; after that only probes, each after a pause
        await().atMost(Duration.ofSeconds(20)).until(() -> bucket.received().size() >= 32 + 3);
        assertThat(f.outbox.stats().get("bucket").state()).isEqualTo("backing_off");
        var received = bucket.received();
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(received.subList(32, received.size())).as("while paused, one request at a time")
                .allSatisfy(r -> assertThat(r.inFlightAtArrival()).isEqualTo(1));
        // pauses last at least 0.1 s here, so even a generous ceiling rules out a retry storm
        assertThat(received.size()).as("no retry storm: %d ms after start", elapsedMs)
                .isLessThanOrEqualTo(32 + 5 + (int) (elapsedMs / 50));
        var stats = f.outbox.stats().get("bucket");
        assertThat(stats.pending()).isEqualTo(40);
        assertThat(stats.dead()).isZero();
        assertThat(maxAttempts(f)).as("failed probes are the sink's, not the event's: no attempt used up").isEqualTo(1);

        bucket.answer(r -> Receiver.Reply.ok());
        await().atMost(Duration.ofSeconds(10)).until(() -> bucket.countsByEventId().size() == 40);
        await().atMost(Duration.ofSeconds(2)).until(() -> f.outbox.stats().get("bucket").state().equals("delivering"));
        assertThat(bucket.countsByEventId().values()).containsOnly(1);
    }

    private static int maxAttempts(OutboxFixture f) throws Exception {
        try (Connection c = f.db.dataSource().getConnection();
             var rs = c.createStatement().executeQuery("SELECT MAX(attempts) FROM (SELECT attempts FROM outbox_pending WHERE sink = 'bucket'"
                     + " UNION ALL SELECT attempts FROM outbox_finished WHERE sink = 'bucket') a")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void twoDispatchersOnOneDatabaseDeliverEachEventOnce() throws Exception {
        Receiver bucket = open(Receiver.start());
        Receiver karma = open(Receiver.start());
        OutboxFixture f = open(new OutboxFixture(dir, bucket.url(), karma.url(), Map.of("integrations.outbox.batch-size", "4")));
        var replicaA = start(f);
        var replicaB = OutboxDispatcher.create(Outbox.create(f.db, f.config, f.registry, Clock.systemUTC()));
        replicaB.start();
        resources.add(() -> replicaB.shutdown(Duration.ZERO));

        for (int i = 0; i < 100; i++) {
            f.enqueueCommitted(OutboxFixture.execution("replicas-" + i));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> bucket.countsByEventId().size() == 100
                && karma.countsByEventId().size() == 100);
        await().atMost(Duration.ofSeconds(5)).until(() -> f.rows("pending") == 0);

        assertThat(bucket.received()).hasSize(100);
        assertThat(karma.received()).hasSize(100);
        assertThat(Set.copyOf(bucket.countsByEventId().values())).containsExactly(1);
        assertThat(f.rows("delivered")).isEqualTo(200);
        replicaA.shutdown(Duration.ZERO);
    }

    private OutboxDispatcher start(OutboxFixture f) {
        OutboxDispatcher dispatcher = OutboxDispatcher.create(f.outbox);
        dispatcher.start();
        resources.add(() -> dispatcher.shutdown(Duration.ZERO));
        return dispatcher;
    }

    private <T extends AutoCloseable> T open(T resource) {
        resources.add(resource);
        return resource;
    }
}

package org.bhiv.executor.outbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.bhiv.executor.store.Database;
import org.bhiv.executor.store.StoreConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The same outbox SQL on a real PostgreSQL: migration, duplicate-safe insert in a transaction, claims, delivery,
 * and the JDBC batches of a pass (their update counts decide what was recorded).
 */
class OutboxPostgresTest {

    @Test
    void outboxWorksOnRealPostgresql() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start();
             Receiver bucket = Receiver.start();
             Receiver karma = Receiver.start()) {
            var store = new StoreConfig(pg.getJdbcUrl("postgres", "postgres"), Path.of("unused"), "postgres", "postgres",
                    4, Duration.ofSeconds(5));
            try (OutboxFixture f = new OutboxFixture(Database.open(store), bucket.url(), karma.url(),
                    Map.of("integrations.outbox.max-pending", "6"))) {
                assertThat(f.db.kind()).isEqualTo("postgresql");
                try (Connection c = f.db.dataSource().getConnection()) {
                    c.setAutoCommit(false);
                    assertThat(f.outbox.enqueue(c, f.outbox.eventsOf(OutboxFixture.execution("pg-1")))).isEqualTo(2);
                    assertThat(f.outbox.enqueue(c, f.outbox.eventsOf(OutboxFixture.execution("pg-1"))))
                            .as("a duplicate does not abort the PostgreSQL transaction").isZero();
                    c.createStatement().executeUpdate("INSERT INTO store_info (info_key, info_value) VALUES ('pg', 'ok')");
                    c.commit();
                }
                for (int i = 2; i <= 8; i++) {
                    f.enqueueCommitted(OutboxFixture.execution("pg-" + i));
                }
                assertThat(f.outbox.stats().get("bucket").dropped()).isEqualTo(2);

                OutboxDispatcher dispatcher = OutboxDispatcher.create(f.outbox);
                dispatcher.start();
                try {
                    await().atMost(Duration.ofSeconds(10)).until(() -> bucket.countsByEventId().size() == 6
                            && karma.countsByEventId().size() == 6);
                    await().atMost(Duration.ofSeconds(5)).until(() -> f.rows("pending") == 0);
                } finally {
                    dispatcher.shutdown(Duration.ZERO);
                }
                assertThat(bucket.countsByEventId().values()).containsOnly(1);
                var delivery = new DeliveryStates(f.db).byTrace("pg-1").get("exec-pg-1");
                assertThat(delivery.get("bucket").state()).isEqualTo("delivered");
                assertThat(delivery.get("karma").state()).isEqualTo("delivered");
                assertThat(delivery.get("karma").attempts()).isEqualTo(1);
                assertThat(f.outbox.store().purge(java.time.Instant.now().plus(java.time.Duration.ofDays(1)))).as("retention purge, same SQL").isEqualTo(12);
                assertThat(f.rows("delivered")).isZero();
                OutboxStoreTest.finishRecordsEveryKindAndNothingOfALostClaim(f, "pg-mix");
            }
        }
    }
}

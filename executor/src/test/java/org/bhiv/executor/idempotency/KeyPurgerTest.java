package org.bhiv.executor.idempotency;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.bhiv.executor.store.ClaimOutcome;
import org.bhiv.executor.store.Database;
import org.bhiv.executor.store.ExecutionStore;
import org.bhiv.executor.store.JdbcExecutionStore;
import org.bhiv.executor.store.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KeyPurgerTest {

    @Test
    void expiredKeysArePurgedOnTheSchedule(@TempDir Path dir) {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        var config = new IdempotencyConfig(Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofMillis(50));
        try (Database db = Database.open(new StoreConfig("", dir, "", "", 2, Duration.ofSeconds(5)))) {
            ExecutionStore store = new JdbcExecutionStore(db, config.lease(), config.retention(), clock);
            store.claim("k-old", "f".repeat(64));
            try (KeyPurger ignored = KeyPurger.start(store, config)) {
                now.set(now.get().plus(Duration.ofHours(2)));

                await().atMost(Duration.ofSeconds(5)).until(() -> countKeys(db) == 0);
            }
            assertThat(store.claim("k-old", "e".repeat(64))).isInstanceOf(ClaimOutcome.Claimed.class);
        }
    }

    private static int countKeys(Database db) throws Exception {
        try (var c = db.dataSource().getConnection();
             var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM idempotency_keys")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}

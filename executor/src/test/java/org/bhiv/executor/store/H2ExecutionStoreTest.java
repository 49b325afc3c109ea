package org.bhiv.executor.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import org.bhiv.executor.store.ClaimOutcome.Claimed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The execution store's contract on the embedded H2 file database. */
class H2ExecutionStoreTest extends ExecutionStoreContract {

    @TempDir
    static Path dir;
    private static Database db;

    @BeforeAll
    static void open() {
        db = Database.open(new StoreConfig("", dir, "", "", 10, Duration.ofSeconds(5)));
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Override
    Database database() {
        return db;
    }

    @Test
    void claimThatNeedNotBeDurableIsHeldInMemoryOnlyAndDiesWithItsProcess() throws Exception {
        Claimed claim = (Claimed) store.claim(key, FP, false);
        assertThat(claim.durable()).isFalse();
        assertThat(keyRows()).isZero();

        var restarted = new JdbcExecutionStore(db, LEASE, RETENTION, clock); // the process was killed
        ClaimOutcome retry = restarted.claim(key, FP, false);
        assertThat(retry).isInstanceOf(Claimed.class);
        assertThat(restarted.complete((Claimed) retry, execution(200, "{}"), TransactionalWrite.none())).isTrue();
        assertThat(keyRows()).isOne();
    }

    @Test
    void durableClaimIsARowOfTheDatabase() throws Exception {
        Claimed claim = (Claimed) store.claim(key, FP);

        assertThat(claim.durable()).isTrue();
        assertThat(keyRows()).isOne();
        assertThat(new JdbcExecutionStore(db, LEASE, RETENTION, clock).claim(key, FP, false))
                .isEqualTo(new ClaimOutcome.InProgress());
    }

    private long keyRows() throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM idempotency_keys WHERE idem_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

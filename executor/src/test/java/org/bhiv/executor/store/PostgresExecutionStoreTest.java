package org.bhiv.executor.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.bhiv.executor.store.ClaimOutcome.Claimed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The execution store's contract on a real PostgreSQL, and the multi-replica guarantee: two
 * pools ("two executor processes") on one database still give exactly one claim per key.
 */
class PostgresExecutionStoreTest extends ExecutionStoreContract {

    private static EmbeddedPostgres pg;
    private static Database db;
    private static Database replica;

    @BeforeAll
    static void start() throws IOException {
        pg = EmbeddedPostgres.start();
        db = open();
        replica = open();
    }

    @AfterAll
    static void stop() throws IOException {
        replica.close();
        db.close();
        pg.close();
    }

    private static Database open() {
        String url = pg.getJdbcUrl("postgres", "postgres");
        return Database.open(new StoreConfig(url, Path.of("unused"), "postgres", "postgres", 10, Duration.ofSeconds(5)));
    }

    @Override
    Database database() {
        return db;
    }

    @Test
    void twoReplicasOnOneDatabaseGiveExactlyOneClaimedAmongHundredConcurrentClaims() throws Exception {
        ExecutionStore other = new JdbcExecutionStore(replica, LEASE, RETENTION, clock);

        List<ClaimOutcome> outcomes = claimConcurrently(100, i -> i % 2 == 0 ? store : other, i -> i % 4 < 2);

        assertThat(outcomes).filteredOn(Claimed.class::isInstance).hasSize(1);
        assertThat(outcomes).hasSize(100);
    }

    @Test
    void onASharedDatabaseEveryClaimIsDurableEvenOneThatNeedNotBe() {
        ExecutionStore other = new JdbcExecutionStore(replica, LEASE, RETENTION, clock);
        Claimed claim = (Claimed) store.claim(key, FP, false);

        assertThat(claim.durable()).isTrue();
        assertThat(other.claim(key, FP, false)).isEqualTo(new ClaimOutcome.InProgress());
    }

    @Test
    void answerStoredByOneReplicaIsReplayedByTheOther() {
        ExecutionStore other = new JdbcExecutionStore(replica, LEASE, RETENTION, clock);
        Claimed claim = (Claimed) store.claim(key, FP);

        assertThat(other.claim(key, FP)).isEqualTo(new ClaimOutcome.InProgress());
        store.complete(claim, execution(200, "{\"ok\":1}"), TransactionalWrite.none());
        assertThat(other.claim(key, FP)).isEqualTo(new ClaimOutcome.Replay(200, "{\"ok\":1}"));
    }
}

package org.bhiv.executor.store;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bhiv.executor.execution.Execution;
import org.bhiv.executor.store.ClaimOutcome.Claimed;
import org.bhiv.executor.store.ClaimOutcome.FingerprintMismatch;
import org.bhiv.executor.store.ClaimOutcome.InProgress;
import org.bhiv.executor.store.ClaimOutcome.Replay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link ExecutionStore} database does; run on H2 and on PostgreSQL by the subclasses.
 * Every test uses its own keys and trace ids, so tests share one database.
 */
abstract class ExecutionStoreContract {

    static final Duration LEASE = Duration.ofMinutes(2);
    static final Duration RETENTION = Duration.ofHours(24);
    static final String FP = "a".repeat(64);
    static final String OTHER_FP = "b".repeat(64);

    MutableClock clock;
    ExecutionStore store;
    String key;
    String traceId;

    abstract Database database();

    @BeforeEach
    void freshKey() {
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        store = new JdbcExecutionStore(database(), LEASE, RETENTION, clock);
        traceId = "trace-" + UUID.randomUUID();
        key = "key-" + UUID.randomUUID();
    }

    @Test
    void firstClaimOfAKeyIsClaimed() {
        assertThat(store.claim(key, FP)).isInstanceOf(Claimed.class)
                .extracting(o -> ((Claimed) o).key()).isEqualTo(key);
    }

    @Test
    void secondClaimWhileTheFirstRunsIsInProgress() {
        store.claim(key, FP);

        assertThat(store.claim(key, FP)).isEqualTo(new InProgress());
    }

    @Test
    void claimWithAnotherFingerprintIsAMismatchWhetherRunningOrCompleted() {
        Claimed claim = (Claimed) store.claim(key, FP);
        assertThat(store.claim(key, OTHER_FP)).isEqualTo(new FingerprintMismatch());

        store.complete(claim, execution(200, "{\"status\":\"success\"}"), TransactionalWrite.none());
        assertThat(store.claim(key, OTHER_FP)).isEqualTo(new FingerprintMismatch());
    }

    @Test
    void completedClaimIsReplayedWithTheStoredStatusAndBody() {
        Claimed claim = (Claimed) store.claim(key, FP);
        String body = "{\"trace_id\":\"" + traceId + "\",\"status\":\"success\",\"execution_result\":{\"success\":true}}";

        assertThat(store.complete(claim, execution(200, body), TransactionalWrite.none())).isTrue();

        assertThat(store.claim(key, FP)).isEqualTo(new Replay(200, body));
        assertThat(store.findByTraceId(traceId)).singleElement()
                .satisfies(found -> {
                    assertThat(found.replayable()).isTrue();
                    assertThat(found.execution().responseBody()).isEqualTo(body);
                    assertThat(found.execution().idempotencyKey()).isEqualTo(key);
                });
    }

    @Test
    void releasedClaimIsRecordedButNotReplayedSoARetryExecutesAgain() {
        Claimed first = (Claimed) store.claim(key, FP);
        store.release(first, execution(200, "{\"status\":\"failed\",\"retryable\":true}"), TransactionalWrite.none());

        assertThat(store.claim(key, FP)).isInstanceOf(Claimed.class);
        assertThat(store.findByTraceId(traceId)).singleElement()
                .satisfies(found -> assertThat(found.replayable()).isFalse());
    }

    @Test
    void abandonedClaimFreesTheKeyAndRecordsNothing() {
        store.abandon((Claimed) store.claim(key, FP));

        assertThat(store.claim(key, OTHER_FP)).isInstanceOf(Claimed.class);
        assertThat(store.findByTraceId(traceId)).isEmpty();
    }

    @Test
    void transactionalWriteCommitsWithTheExecution() {
        Claimed claim = (Claimed) store.claim(key, FP);
        List<String> written = new ArrayList<>();

        store.complete(claim, execution(200, "{}"), c -> written.add(String.valueOf(c.getAutoCommit())));

        assertThat(written).containsExactly("false");
    }

    @Test
    void failingTransactionalWriteRollsTheExecutionBackAndKeepsTheClaim() {
        Claimed claim = (Claimed) store.claim(key, FP);

        assertThatThrownBy(() -> store.complete(claim, execution(200, "{}"), c -> {
            throw new SQLException("outbox refused", "23000");
        })).isInstanceOf(StoreException.class).hasMessageContaining("store execution");

        assertThat(store.findByTraceId(traceId)).isEmpty();
        assertThat(store.claim(key, FP)).isEqualTo(new InProgress());
        assertThat(store.complete(claim, execution(200, "{}"), TransactionalWrite.none())).isTrue();
    }

    @Test
    void claimWhoseLeaseRanOutIsTakenOverAndTheLateCompletionIsNotReplayed() {
        Claimed crashed = (Claimed) store.claim(key, FP);
        clock.advance(LEASE.plusSeconds(1));

        ClaimOutcome retry = store.claim(key, FP);
        assertThat(retry).isInstanceOf(Claimed.class);
        assertThat(((Claimed) retry).token()).isNotEqualTo(crashed.token());

        assertThat(store.complete(crashed, execution(200, "{\"late\":true}"), TransactionalWrite.none())).isFalse();
        assertThat(store.complete((Claimed) retry, execution(200, "{\"retry\":true}"), TransactionalWrite.none()))
                .isTrue();
        assertThat(store.claim(key, FP)).isEqualTo(new Replay(200, "{\"retry\":true}"));
        assertThat(store.findByTraceId(traceId)).extracting(StoredExecution::replayable)
                .containsExactlyInAnyOrder(false, true);
    }

    @Test
    void keyPastItsRetentionIsPurgedAndExecutesAgain() {
        store.complete((Claimed) store.claim(key, FP), execution(200, "{}"), TransactionalWrite.none());
        clock.advance(RETENTION.minusSeconds(1));
        // Not a count: the database is shared, and keys other tests left more than a second ago are
        // due by now (on a loaded machine that made this flaky). That this key survives is what counts.
        store.purgeExpiredKeys();
        assertThat(store.claim(key, FP)).isInstanceOf(Replay.class);

        clock.advance(Duration.ofSeconds(2));
        assertThat(store.purgeExpiredKeys()).isPositive();
        assertThat(store.claim(key, OTHER_FP)).isInstanceOf(Claimed.class);
        assertThat(store.findByTraceId(traceId)).hasSize(1);
    }

    @Test
    void expiredKeyNotYetPurgedIsNotReplayed() {
        store.complete((Claimed) store.claim(key, FP), execution(200, "{}"), TransactionalWrite.none());
        clock.advance(RETENTION.plusSeconds(1));

        assertThat(store.claim(key, FP)).isInstanceOf(Claimed.class);
    }

    @Test
    void executionsOfATraceAreListedOldestFirstWithEveryField() {
        store.record(execution(200, "{\"n\":1}"), TransactionalWrite.none());
        clock.advance(Duration.ofSeconds(1));
        var second = new ExecutionRecord(Execution.newId(), traceId, "other-key", null, "failed",
                clock.instant(), 7, "{\"error_code\":\"missing_action_type\"}", 200, "{\"n\":2}");
        store.record(second, TransactionalWrite.none());

        List<StoredExecution> found = store.findByTraceId(traceId);
        assertThat(found).extracting(s -> s.execution().responseBody()).containsExactly("{\"n\":1}", "{\"n\":2}");
        assertThat(found.get(1).execution()).isEqualTo(second);
        assertThat(store.findByTraceId("unknown-" + traceId)).isEmpty();
    }

    @Test
    void hundredConcurrentClaimsOfOneKeyGiveExactlyOneClaimed() throws Exception {
        List<ClaimOutcome> outcomes = claimConcurrently(100, i -> store);

        assertThat(outcomes).filteredOn(Claimed.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(InProgress.class::isInstance).hasSize(99);
    }

    @Test
    void hundredConcurrentClaimsOfOneKeyDurableOrNotGiveExactlyOneClaimed() throws Exception {
        List<ClaimOutcome> outcomes = claimConcurrently(100, i -> store, i -> i % 2 == 0);

        assertThat(outcomes).filteredOn(Claimed.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(InProgress.class::isInstance).hasSize(99);
    }

    @Test
    void claimThatNeedNotBeDurableExcludesOtherClaimsOfItsKeyLikeADurableOne() {
        Claimed claim = (Claimed) store.claim(key, FP, false);

        assertThat(store.claim(key, FP)).isEqualTo(new InProgress());
        assertThat(store.claim(key, FP, false)).isEqualTo(new InProgress());
        assertThat(store.claim(key, OTHER_FP, false)).isEqualTo(new FingerprintMismatch());

        store.complete(claim, execution(200, "{}"), TransactionalWrite.none());
        assertThat(store.claim(key, OTHER_FP, false)).isEqualTo(new FingerprintMismatch());
    }

    @Test
    void claimThatNeedNotBeDurableIsStoredWithItsExecutionForEveryProcessOnTheDatabase() {
        Claimed claim = (Claimed) store.claim(key, FP, false);
        assertThat(store.complete(claim, execution(200, "{\"local\":1}"), TransactionalWrite.none())).isTrue();

        var restarted = new JdbcExecutionStore(database(), LEASE, RETENTION, clock);
        assertThat(restarted.claim(key, FP, false)).isEqualTo(new Replay(200, "{\"local\":1}"));
        assertThat(restarted.claim(key, FP)).isEqualTo(new Replay(200, "{\"local\":1}"));
        assertThat(store.findByTraceId(traceId)).singleElement().satisfies(found -> assertThat(found.replayable()).isTrue());
    }

    @Test
    void claimThatNeedNotBeDurableReleasedOrAbandonedFreesItsKey() {
        store.release((Claimed) store.claim(key, FP, false), execution(200, "{\"retryable\":true}"),
                TransactionalWrite.none());
        store.abandon((Claimed) store.claim(key, FP, false));

        assertThat(store.claim(key, OTHER_FP, false)).isInstanceOf(Claimed.class);
        assertThat(store.findByTraceId(traceId)).singleElement().satisfies(found -> assertThat(found.replayable()).isFalse());
    }

    @Test
    void claimThatNeedNotBeDurableWaitsForADeadProcessesDurableClaimUntilItsLeaseEnds() {
        store.claim(key, FP); // a process that called a real provider, then died
        var restarted = new JdbcExecutionStore(database(), LEASE, RETENTION, clock);

        assertThat(restarted.claim(key, FP, false)).isEqualTo(new InProgress());
        clock.advance(LEASE.plusSeconds(1));
        ClaimOutcome taken = restarted.claim(key, FP, false);
        assertThat(taken).isInstanceOf(Claimed.class);
        assertThat(restarted.complete((Claimed) taken, execution(200, "{}"), TransactionalWrite.none())).isTrue();
        assertThat(restarted.claim(key, FP, false)).isInstanceOf(Replay.class);
    }

    @Test
    void claimThatNeedNotBeDurableOfAnExpiredKeyClaimsIt() {
        store.complete((Claimed) store.claim(key, FP), execution(200, "{}"), TransactionalWrite.none());
        clock.advance(RETENTION.plusSeconds(1));

        ClaimOutcome again = new JdbcExecutionStore(database(), LEASE, RETENTION, clock).claim(key, FP, false);
        assertThat(again).isInstanceOf(Claimed.class);
    }

    @Test
    void claimThatNeedNotBeDurableWhoseLeaseRanOutIsTakenOverAndTheLateCompletionIsNotReplayed() {
        Claimed stuck = (Claimed) store.claim(key, FP, false);
        clock.advance(LEASE.plusSeconds(1));

        Claimed retry = (Claimed) store.claim(key, FP, false);
        assertThat(retry.token()).isNotEqualTo(stuck.token());
        assertThat(store.complete(stuck, execution(200, "{\"late\":true}"), TransactionalWrite.none())).isFalse();
        assertThat(store.complete(retry, execution(200, "{\"retry\":true}"), TransactionalWrite.none())).isTrue();
        assertThat(store.claim(key, FP, false)).isEqualTo(new Replay(200, "{\"retry\":true}"));
        assertThat(store.findByTraceId(traceId)).extracting(StoredExecution::replayable)
                .containsExactlyInAnyOrder(false, true);
    }

    @Test
    void failedCommitOfAClaimThatNeedNotBeDurableKeepsTheClaim() {
        Claimed claim = (Claimed) store.claim(key, FP, false);

        assertThatThrownBy(() -> store.complete(claim, execution(200, "{}"), c -> {
            throw new SQLException("outbox refused", "23000");
        })).isInstanceOf(StoreException.class);

        assertThat(store.claim(key, FP, false)).isEqualTo(new InProgress());
        assertThat(store.complete(claim, execution(200, "{}"), TransactionalWrite.none())).isTrue();
        assertThat(store.claim(key, FP, false)).isInstanceOf(Replay.class);
    }

    /** Claims {@link #key} durably from {@code n} threads released at once. */
    List<ClaimOutcome> claimConcurrently(int n, java.util.function.IntFunction<ExecutionStore> storeOfThread)
            throws Exception {
        return claimConcurrently(n, storeOfThread, i -> true);
    }

    /** Claims {@link #key} from {@code n} threads released at once, durably where {@code durable} says so. */
    List<ClaimOutcome> claimConcurrently(int n, java.util.function.IntFunction<ExecutionStore> storeOfThread,
                                         java.util.function.IntPredicate durable) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ClaimOutcome>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(n)) {
            for (int i = 0; i < n; i++) {
                ExecutionStore s = storeOfThread.apply(i);
                boolean durably = durable.test(i);
                Callable<ClaimOutcome> claim = () -> {
                    start.await();
                    return s.claim(key, FP, durably);
                };
                futures.add(threads.submit(claim));
            }
            start.countDown();
            List<ClaimOutcome> outcomes = new ArrayList<>();
            for (Future<ClaimOutcome> f : futures) {
                outcomes.add(f.get());
            }
            return outcomes;
        }
    }

    ExecutionRecord execution(int status, String body) {
        return new ExecutionRecord(Execution.newId(), traceId, key, "task", "success", clock.instant(), 12,
                "{\"success\":true}", status, body);
    }
}

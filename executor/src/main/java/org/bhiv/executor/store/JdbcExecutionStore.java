package org.bhiv.executor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ExecutionStore} on the executor's database. A durable claim is an {@code INSERT ... ON
 * CONFLICT DO NOTHING} on the key's primary key, so the database decides which of several
 * concurrent requests (in one process or in several) holds a key. On the embedded H2 file, which
 * one process opens at a time, every claim is also held in memory, so concurrent requests of one
 * key are told apart without the database, and a claim that need not be durable is only held
 * there: it costs a read instead of a commit, and its key row is inserted, completed, with the
 * execution. Thread-safe; create one per database and share it.
 */
public final class JdbcExecutionStore implements ExecutionStore {

    private static final System.Logger LOGGER = System.getLogger(JdbcExecutionStore.class.getName());
    /** Rounds of "insert failed, but the row is gone again" before answering in-progress. */
    private static final int CLAIM_ROUNDS = 5;
    /** Answers kept in memory for replays (about 1 KiB each). */
    private static final int REPLAY_CACHE_SIZE = 10_000;

    private static final String INSERT_KEY = """
            INSERT INTO idempotency_keys
                (idem_key, fingerprint, claim_state, claim_token, claimed_at, lease_until, expires_at)
            VALUES (?, ?, 'in_progress', ?, ?, ?, ?) ON CONFLICT DO NOTHING""";
    private static final String SELECT_KEY = """
            SELECT k.fingerprint, k.claim_state, k.claim_token, k.lease_until, k.expires_at,
                   e.response_status, e.response_body
            FROM idempotency_keys k LEFT JOIN executions e ON e.execution_id = k.execution_id
            WHERE k.idem_key = ?""";
    private static final String DELETE_EXPIRED_KEY =
            "DELETE FROM idempotency_keys WHERE idem_key = ? AND expires_at <= ?";
    private static final String TAKE_OVER_KEY = """
            UPDATE idempotency_keys SET claim_token = ?, claimed_at = ?, lease_until = ?
            WHERE idem_key = ? AND claim_token = ? AND claim_state = 'in_progress'""";
    private static final String INSERT_COMPLETED_KEY = """
            INSERT INTO idempotency_keys (idem_key, fingerprint, claim_state, claim_token, execution_id,
                                          claimed_at, lease_until, expires_at)
            VALUES (?, ?, 'completed', ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";
    private static final String COMPLETE_KEY = """
            UPDATE idempotency_keys SET claim_state = 'completed', execution_id = ?, expires_at = ?
            WHERE idem_key = ? AND claim_token = ? AND claim_state = 'in_progress'""";
    private static final String DELETE_CLAIM =
            "DELETE FROM idempotency_keys WHERE idem_key = ? AND claim_token = ? AND claim_state = 'in_progress'";
    private static final String INSERT_EXECUTION = """
            INSERT INTO executions (execution_id, trace_id, idempotency_key, action_type, status, replayable,
                                    received_at, duration_ms, result_json, response_status, response_body, user_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    /** The columns {@link #read} reads. */
    static final String COLUMNS = "execution_id, trace_id, idempotency_key, action_type, status, replayable, "
            + "received_at, duration_ms, result_json, response_status, response_body, user_id";
    private static final String SELECT_BY_TRACE =
            "SELECT " + COLUMNS + " FROM executions WHERE trace_id = ? ORDER BY received_at, execution_id";
    private static final String PURGE_KEYS = "DELETE FROM idempotency_keys WHERE expires_at <= ?";

    /** A claim this process holds, until it ends or its lease runs out. */
    private record Held(String token, String fingerprint, Instant leaseUntil) {
    }

    private final Transactions db;
    private final ReplayCache replays = new ReplayCache(REPLAY_CACHE_SIZE);
    /** True when only this process opens the database, so that a claim may be held in memory. */
    private final boolean oneProcess;
    private final ConcurrentHashMap<String, Held> held = new ConcurrentHashMap<>();
    private final Duration lease;
    private final Duration retention;
    private final Clock clock;

    /**
     * @param database the migrated database
     * @param lease      how long a claim holds its key without completing; after that another
     *                   request may take the key over (longer than the slowest execution)
     * @param retention  how long an answered key is replayed before it is purged
     * @param clock      the time source
     */
    public JdbcExecutionStore(Database database, Duration lease, Duration retention, Clock clock) {
        if (lease.isNegative() || lease.isZero() || retention.compareTo(lease) < 0) {
            throw new IllegalArgumentException("Need 0 < lease <= retention, was lease " + lease
                    + " and retention " + retention);
        }
        this.db = database.transactions();
        this.oneProcess = database.kind().equals("h2");
        this.lease = lease;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public ClaimOutcome claim(String key, String fingerprint, boolean durable) {
        ClaimOutcome known = replays.find(key, fingerprint, clock.instant());
        if (known != null) {
            return known;
        }
        String token = UUID.randomUUID().toString();
        if (!oneProcess) {
            return durableClaim(key, fingerprint, token);
        }
        Instant now = clock.instant();
        var mine = new Held(token, fingerprint, now.plus(lease));
        Held holder = held.compute(key, (k, h) -> h == null || !h.leaseUntil().isAfter(now) ? mine : h);
        if (holder != mine) {
            return holder.fingerprint().equals(fingerprint) ? new ClaimOutcome.InProgress()
                    : new ClaimOutcome.FingerprintMismatch();
        }
        try {
            ClaimOutcome outcome = durable ? durableClaim(key, fingerprint, token) : inProcessClaim(key, fingerprint, token);
            if (!(outcome instanceof ClaimOutcome.Claimed)) {
                held.remove(key, mine);
            }
            return outcome;
        } catch (RuntimeException e) {
            held.remove(key, mine);
            throw e;
        }
    }

    /** A claim of this process only: the key's stored state is read, nothing is written unless it must be freed. */
    private ClaimOutcome inProcessClaim(String key, String fingerprint, String token) {
        Instant now = clock.instant();
        ClaimOutcome stored = db.direct("read idempotency key", c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT_KEY)) {
                Sql.set(ps, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? decided(rs, key, fingerprint, now)
                            : new ClaimOutcome.Claimed(key, token, fingerprint, false);
                }
            }
        });
        // null: an expired key or a claim whose holder died before its lease ended; freeing either is a write
        return stored != null ? stored : durableClaim(key, fingerprint, token);
    }

    private ClaimOutcome durableClaim(String key, String fingerprint, String token) {
        return db.write("claim idempotency key", c -> {
            for (int round = 0; round < CLAIM_ROUNDS; round++) {
                Instant now = clock.instant();
                try (PreparedStatement ps = c.prepareStatement(INSERT_KEY)) {
                    Sql.set(ps, key, fingerprint, token, now, now.plus(lease), now.plus(retention));
                    if (ps.executeUpdate() == 1) {
                        return new ClaimOutcome.Claimed(key, token, fingerprint, true);
                    }
                }
                ClaimOutcome found = existing(c, key, fingerprint, token, now);
                if (found != null) {
                    return found;
                }
            }
            return new ClaimOutcome.InProgress();
        });
    }

    /** Decides on a key that exists; null when the caller should try to insert again. */
    private ClaimOutcome existing(Connection c, String key, String fingerprint, String token, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_KEY)) {
            Sql.set(ps, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                if (!Sql.instant(rs, "expires_at").isAfter(now)) {
                    Sql.update(c, DELETE_EXPIRED_KEY, key, now);
                    return null;
                }
                ClaimOutcome decided = decided(rs, key, fingerprint, now);
                if (decided != null) {
                    return decided;
                }
                String staleToken = rs.getString("claim_token");
                if (Sql.update(c, TAKE_OVER_KEY, token, now, now.plus(lease), key, staleToken) == 1) {
                    LOGGER.log(System.Logger.Level.WARNING, "Idempotency claim taken over after its lease ran out");
                    return new ClaimOutcome.Claimed(key, token, fingerprint, true);
                }
                return null;
            }
        }
    }

    /**
     * What a stored key answers to a claim: a mismatch, a replay, or in progress; null when the key
     * has expired or is claimed by a holder whose lease ran out.
     */
    private ClaimOutcome decided(ResultSet rs, String key, String fingerprint, Instant now) throws SQLException {
        if (!Sql.instant(rs, "expires_at").isAfter(now)) {
            return null;
        }
        if (!rs.getString("fingerprint").equals(fingerprint)) {
            return new ClaimOutcome.FingerprintMismatch();
        }
        if (rs.getString("claim_state").equals("completed")) {
            var replay = new ClaimOutcome.Replay(rs.getInt("response_status"), rs.getString("response_body"));
            replays.put(key, fingerprint, replay, Sql.instant(rs, "expires_at"));
            return replay;
        }
        return Sql.instant(rs, "lease_until").isAfter(now) ? new ClaimOutcome.InProgress() : null;
    }

    @Override
    public boolean complete(ClaimOutcome.Claimed claim, ExecutionRecord execution, TransactionalWrite alsoWrite) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(retention);
        boolean stored = db.write("store execution", c -> {
            boolean answered = claim.durable()
                    ? Sql.update(c, COMPLETE_KEY, execution.executionId(), expiresAt, claim.key(), claim.token()) == 1
                    : holds(claim) && Sql.update(c, INSERT_COMPLETED_KEY, claim.key(), claim.fingerprint(),
                            claim.token(), execution.executionId(), now, now, expiresAt) == 1;
            if (!answered) {
                LOGGER.log(System.Logger.Level.WARNING, "Idempotency claim was lost before the execution completed;"
                        + " the execution is recorded but not replayed");
            }
            insert(c, execution, answered);
            alsoWrite.write(c);
            return answered;
        });
        if (stored) {
            replays.put(claim.key(), claim.fingerprint(),
                    new ClaimOutcome.Replay(execution.responseStatus(), execution.responseBody()), expiresAt);
        }
        letGo(claim);
        return stored;
    }

    @Override
    public void release(ClaimOutcome.Claimed claim, ExecutionRecord execution, TransactionalWrite alsoWrite) {
        db.write("record execution and release idempotency key", c -> {
            insert(c, execution, false);
            alsoWrite.write(c);
            if (claim.durable()) {
                Sql.update(c, DELETE_CLAIM, claim.key(), claim.token());
            }
            return null;
        });
        letGo(claim);
    }

    @Override
    public void abandon(ClaimOutcome.Claimed claim) {
        if (claim.durable()) {
            db.write("release idempotency key", c -> Sql.update(c, DELETE_CLAIM, claim.key(), claim.token()));
        }
        letGo(claim);
    }

    /** True while this process holds {@code claim} (its lease has not been taken over). */
    private boolean holds(ClaimOutcome.Claimed claim) {
        Held h = held.get(claim.key());
        return h != null && h.token().equals(claim.token());
    }

    /** Ends this process's hold of a claim that committed (a failed commit keeps it until its lease ends). */
    private void letGo(ClaimOutcome.Claimed claim) {
        held.computeIfPresent(claim.key(), (k, h) -> h.token().equals(claim.token()) ? null : h);
    }

    @Override
    public void record(ExecutionRecord execution, TransactionalWrite alsoWrite) {
        db.write("record execution", c -> {
            insert(c, execution, false);
            alsoWrite.write(c);
            return null;
        });
    }

    @Override
    public List<StoredExecution> findByTraceId(String traceId) {
        return db.direct("read executions", c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT_BY_TRACE)) {
                Sql.set(ps, traceId);
                try (ResultSet rs = ps.executeQuery()) {
                    List<StoredExecution> found = new ArrayList<>();
                    while (rs.next()) {
                        found.add(new StoredExecution(read(rs), rs.getBoolean("replayable")));
                    }
                    return List.copyOf(found);
                }
            }
        });
    }

    @Override
    public int purgeExpiredKeys() {
        Instant now = clock.instant();
        held.values().removeIf(h -> !h.leaseUntil().isAfter(now)); // left by commits that failed
        return db.direct("purge expired idempotency keys", c -> Sql.update(c, PURGE_KEYS, now));
    }

    private static void insert(Connection c, ExecutionRecord e, boolean replayable) throws SQLException {
        Sql.update(c, INSERT_EXECUTION, e.executionId(), e.traceId(), e.idempotencyKey(), e.actionType(), e.status(),
                replayable, e.receivedAt(), e.durationMs(), e.resultJson(), e.responseStatus(), e.responseBody(),
                e.userId());
    }

    static ExecutionRecord read(ResultSet rs) throws SQLException {
        return new ExecutionRecord(rs.getString("execution_id"), rs.getString("trace_id"),
                rs.getString("idempotency_key"), rs.getString("action_type"), rs.getString("status"),
                Sql.instant(rs, "received_at"), rs.getLong("duration_ms"), rs.getString("result_json"),
                rs.getInt("response_status"), rs.getString("response_body"), rs.getString("user_id"));
    }
}

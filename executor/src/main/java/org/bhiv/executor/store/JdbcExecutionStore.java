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

/**
 * {@link ExecutionStore} on the executor's database. A claim is an {@code INSERT ... ON CONFLICT
 * DO NOTHING} on the key's primary key, so the database decides which of several concurrent
 * requests (in one process or in several) holds a key. Thread-safe; create one and share it.
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

    private final Transactions db;
    private final ReplayCache replays = new ReplayCache(REPLAY_CACHE_SIZE);
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
        this.lease = lease;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public ClaimOutcome claim(String key, String fingerprint) {
        ClaimOutcome known = replays.find(key, fingerprint, clock.instant());
        if (known != null) {
            return known;
        }
        return db.write("claim idempotency key", c -> {
            for (int round = 0; round < CLAIM_ROUNDS; round++) {
                Instant now = clock.instant();
                String token = UUID.randomUUID().toString();
                try (PreparedStatement ps = c.prepareStatement(INSERT_KEY)) {
                    Sql.set(ps, key, fingerprint, token, now, now.plus(lease), now.plus(retention));
                    if (ps.executeUpdate() == 1) {
                        return new ClaimOutcome.Claimed(key, token, fingerprint);
                    }
                }
                ClaimOutcome held = existing(c, key, fingerprint, token, now);
                if (held != null) {
                    return held;
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
                if (!rs.getString("fingerprint").equals(fingerprint)) {
                    return new ClaimOutcome.FingerprintMismatch();
                }
                if (rs.getString("claim_state").equals("completed")) {
                    var replay = new ClaimOutcome.Replay(rs.getInt("response_status"), rs.getString("response_body"));
                    replays.put(key, fingerprint, replay, Sql.instant(rs, "expires_at"));
                    return replay;
                }
                if (Sql.instant(rs, "lease_until").isAfter(now)) {
                    return new ClaimOutcome.InProgress();
                }
                String staleToken = rs.getString("claim_token");
                if (Sql.update(c, TAKE_OVER_KEY, token, now, now.plus(lease), key, staleToken) == 1) {
                    LOGGER.log(System.Logger.Level.WARNING, "Idempotency claim taken over after its lease ran out");
                    return new ClaimOutcome.Claimed(key, token, fingerprint);
                }
                return null;
            }
        }
    }

    @Override
    public boolean complete(ClaimOutcome.Claimed claim, ExecutionRecord execution, TransactionalWrite alsoWrite) {
        Instant expiresAt = clock.instant().plus(retention);
        boolean stored = db.write("store execution", c -> {
            boolean answered = Sql.update(c, COMPLETE_KEY, execution.executionId(), expiresAt,
                    claim.key(), claim.token()) == 1;
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
        return stored;
    }

    @Override
    public void release(ClaimOutcome.Claimed claim, ExecutionRecord execution, TransactionalWrite alsoWrite) {
        db.write("record execution and release idempotency key", c -> {
            insert(c, execution, false);
            alsoWrite.write(c);
            Sql.update(c, DELETE_CLAIM, claim.key(), claim.token());
            return null;
        });
    }

    @Override
    public void abandon(ClaimOutcome.Claimed claim) {
        db.write("release idempotency key", c -> Sql.update(c, DELETE_CLAIM, claim.key(), claim.token()));
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
        return db.direct("purge expired idempotency keys", c -> Sql.update(c, PURGE_KEYS, clock.instant()));
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

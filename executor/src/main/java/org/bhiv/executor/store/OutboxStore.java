package org.bhiv.executor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The outbox's tables (migration V4): {@code outbox_pending} holds only the events still to
 * deliver, so that a claim and a count cost what the backlog holds and not what was ever
 * delivered; a finished event moves to {@code outbox_finished} (its payload kept only when it is
 * dead). Rows are claimed with a compare-and-set on {@code claimed_until}, so several
 * dispatchers (replicas) never send one event at once. Writes go through the group commit.
 * Thread-safe.
 */
public final class OutboxStore {

    /** An event to write. */
    public record NewEvent(String eventId, String sink, String executionId, String traceId, String traceparent,
                           String payload) {
    }

    /** An event a dispatcher holds for one attempt. */
    public record ClaimedEvent(long id, String eventId, String sink, String traceId, String traceparent,
                               String payload, int attempts, Instant createdAt) {
    }

    /**
     * What one attempt changes: the event is delivered or dead (it moves to {@code outbox_finished};
     * a dead one keeps its payload), retried at {@code at}, probed (a paused sink's probe failed:
     * only the error is recorded), or released unattempted (shutdown). Every kind frees the claim.
     */
    public record Finish(ClaimedEvent event, Kind kind, int attempts, Instant at, String error) {

        /** The kinds of outcome. */
        public enum Kind { DELIVERED, DEAD, RETRY, PROBE_FAILED, RELEASE }
    }

    private static final int PURGE_CHUNK = 5_000;
    private static final String INSERT = """
            INSERT INTO outbox_pending (event_id, sink, execution_id, trace_id, traceparent, payload, attempts,
                                        created_at, next_attempt_at)
            VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT DO NOTHING""";
    // ORDER BY repeats the index's leading column so that H2 reads the index in order and stops at LIMIT
    private static final String DUE = """
            SELECT id, event_id, trace_id, traceparent, payload, attempts, created_at FROM outbox_pending
            WHERE sink = ? AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)
            ORDER BY sink, next_attempt_at, id LIMIT ?""";
    private static final String CLAIM = """
            UPDATE outbox_pending SET claimed_until = ?, claim_token = ?
            WHERE id = ? AND (claimed_until IS NULL OR claimed_until < ?)""";
    private static final String MOVE = """
            INSERT INTO outbox_finished (id, event_id, sink, execution_id, trace_id, traceparent, payload, attempts,
                                         created_at, state, finished_at, last_error)
            SELECT id, event_id, sink, execution_id, trace_id, traceparent, CASE WHEN ? THEN payload END, ?,
                   created_at, ?, ?, ?
            FROM outbox_pending WHERE id = ? AND claim_token = ?""";
    private static final String DELETE_CLAIMED = "DELETE FROM outbox_pending WHERE id = ? AND claim_token = ?";
    private static final String RETRY = """
            UPDATE outbox_pending SET attempts = ?, next_attempt_at = ?, last_error = ?, claimed_until = NULL,
                                      claim_token = NULL
            WHERE id = ? AND claim_token = ?""";
    private static final String PROBE_FAILED = """
            UPDATE outbox_pending SET last_error = ?, claimed_until = NULL, claim_token = NULL
            WHERE id = ? AND claim_token = ?""";
    private static final String RELEASE =
            "UPDATE outbox_pending SET claimed_until = NULL, claim_token = NULL WHERE id = ? AND claim_token = ?";
    private static final String NEXT_DUE =
            "SELECT next_attempt_at FROM outbox_pending WHERE sink = ? ORDER BY sink, next_attempt_at LIMIT 1";
    private static final String COUNT_PENDING = "SELECT COUNT(*) FROM outbox_pending WHERE sink = ?";
    private static final String PURGE_LAST = """
            SELECT MAX(id) FROM (SELECT id FROM outbox_finished WHERE finished_at < ? ORDER BY id LIMIT ?) chunk""";
    private static final String PURGE = "DELETE FROM outbox_finished WHERE id <= ? AND finished_at < ?";

    private final Transactions db;

    /** @param database the migrated database */
    public OutboxStore(Database database) {
        this.db = database.transactions();
    }

    /**
     * Writes an event inside the caller's transaction.
     *
     * @return false when an event with this id is pending already (nothing written, no error)
     */
    public boolean insert(Connection c, NewEvent e, Instant now) throws SQLException {
        return Sql.update(c, INSERT, e.eventId(), e.sink(), e.executionId(), e.traceId(), e.traceparent(),
                e.payload(), now, now) == 1;
    }

    /** @return the sink's pending events, counted inside the caller's transaction */
    public long countPending(Connection c, String sink) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COUNT_PENDING)) {
            Sql.set(ps, sink);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Claims up to {@code limit} due events of a sink, earliest due first, in one transaction: one
     * read of the due index, then one JDBC batch of compare-and-sets. A candidate that another
     * dispatcher claimed in between is skipped (its compare-and-set updates no row).
     */
    public List<ClaimedEvent> claim(String sink, int limit, Instant now, Instant leaseUntil, String token) {
        return db.write("claim outbox events", c -> {
            List<ClaimedEvent> candidates = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(DUE)) {
                Sql.set(ps, sink, now, now, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        candidates.add(new ClaimedEvent(rs.getLong(1), rs.getString(2), sink, rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getInt(6), Sql.instant(rs, "created_at")));
                    }
                }
            }
            if (candidates.isEmpty()) {
                return List.of();
            }
            boolean[] won = new boolean[candidates.size()];
            try (Batch cas = new Batch(c, CLAIM)) {
                for (int i = 0; i < won.length; i++) {
                    cas.add(i, leaseUntil, token, candidates.get(i).id(), now);
                }
                cas.run(won);
            }
            List<ClaimedEvent> claimed = new ArrayList<>(candidates.size());
            for (int i = 0; i < won.length; i++) {
                if (won[i]) {
                    claimed.add(candidates.get(i));
                }
            }
            return claimed;
        });
    }

    /**
     * Records how the attempts of one pass ended, in one transaction: one JDBC batch per statement
     * (moves, deletes, retries, ...), so a pass of hundreds of events costs a few round trips into
     * the database, not two statements per event.
     *
     * @param finishes what each attempt changes
     * @param token    the claim token the events were claimed with
     * @return per finish, whether it was recorded (false: the claim was lost meanwhile, nothing changed)
     */
    public boolean[] finish(List<Finish> finishes, String token) {
        if (finishes.isEmpty()) {
            return new boolean[0];
        }
        return db.write("record outbox attempts", c -> {
            boolean[] recorded = new boolean[finishes.size()];
            List<Integer> moved = new ArrayList<>();
            try (Batch move = new Batch(c, MOVE); Batch retry = new Batch(c, RETRY);
                 Batch probe = new Batch(c, PROBE_FAILED); Batch release = new Batch(c, RELEASE)) {
                for (int i = 0; i < recorded.length; i++) {
                    Finish f = finishes.get(i);
                    long id = f.event().id();
                    switch (f.kind()) {
                        case DELIVERED, DEAD -> {
                            boolean dead = f.kind() == Finish.Kind.DEAD;
                            move.add(i, dead, f.attempts(), dead ? "dead" : "delivered", f.at(), truncate(f.error()),
                                    id, token);
                            moved.add(i);
                        }
                        case RETRY -> retry.add(i, f.attempts(), f.at(), truncate(f.error()), id, token);
                        case PROBE_FAILED -> probe.add(i, truncate(f.error()), id, token);
                        case RELEASE -> release.add(i, id, token);
                    }
                }
                for (Batch b : List.of(move, retry, probe, release)) {
                    b.run(recorded);
                }
            }
            if (!moved.isEmpty()) {
                // the copy exists only where the claim was still ours; delete exactly those rows
                boolean[] deleted = new boolean[recorded.length];
                try (Batch delete = new Batch(c, DELETE_CLAIMED)) {
                    for (int i : moved) {
                        if (recorded[i]) {
                            delete.add(i, finishes.get(i).event().id(), token);
                        }
                    }
                    delete.run(deleted);
                }
                for (int i : moved) {
                    recorded[i] &= deleted[i];
                }
            }
            return recorded;
        });
    }

    /** One statement run as a JDBC batch; remembers which finish each row belongs to. */
    private static final class Batch implements AutoCloseable {
        private final Connection connection;
        private final String sql;
        private final List<Integer> rows = new ArrayList<>();
        private PreparedStatement statement;

        Batch(Connection connection, String sql) {
            this.connection = connection;
            this.sql = sql;
        }

        void add(int row, Object... values) throws SQLException {
            if (statement == null) {
                statement = connection.prepareStatement(sql);
            }
            Sql.set(statement, values);
            statement.addBatch();
            rows.add(row);
        }

        /** Runs the batch; marks in {@code recorded} each row that changed exactly one row. */
        void run(boolean[] recorded) throws SQLException {
            if (statement == null) {
                return;
            }
            int[] counts = statement.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                recorded[rows.get(i)] = counts[i] == 1;
            }
        }

        @Override
        public void close() throws SQLException {
            if (statement != null) {
                statement.close();
            }
        }
    }

    /** @return the earliest next attempt of the sink's pending events, or {@code null} when none is pending */
    public Instant nextDue(String sink) {
        return db.direct("read the next outbox attempt", c -> {
            try (PreparedStatement ps = c.prepareStatement(NEXT_DUE)) {
                Sql.set(ps, sink);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Sql.instant(rs, "next_attempt_at") : null;
                }
            }
        });
    }

    /**
     * Deletes finished events older than {@code before}, in chunks of the 5,000 smallest ids (short
     * statements, one dialect: neither {@code DELETE ... LIMIT} nor {@code IN (SELECT ... LIMIT)}).
     *
     * @return how many were deleted
     */
    public int purge(Instant before) {
        return db.direct("purge finished outbox events", c -> {
            int total = 0;
            try (PreparedStatement last = c.prepareStatement(PURGE_LAST);
                 PreparedStatement delete = c.prepareStatement(PURGE)) {
                while (true) {
                    Sql.set(last, before, PURGE_CHUNK);
                    long maxId;
                    try (ResultSet rs = last.executeQuery()) {
                        rs.next();
                        maxId = rs.getLong(1);
                        if (rs.wasNull()) {
                            return total;
                        }
                    }
                    Sql.set(delete, maxId, before);
                    total += delete.executeUpdate();
                }
            }
        });
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}

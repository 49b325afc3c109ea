package org.bhiv.executor.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/**
 * The SQL of the outbox (table {@code outbox_event}, migration V3). The same statements run on
 * H2 (PostgreSQL mode) and PostgreSQL. Rows are claimed with a compare-and-set on
 * {@code claimed_until}, so several dispatchers (replicas) never send one event at once.
 */
final class OutboxStore {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String DEAD = "dead";
    private static final int PURGE_CHUNK = 5_000;

    /** An event a dispatcher holds for one attempt. */
    record Claimed(long id, String eventId, Sink sink, String traceId, String traceparent, String payload,
                   int attempts, long createdAt) {
    }

    /** Pending events of one sink. */
    record Backlog(long count, long oldestCreatedAt) {
    }

    private final DataSource dataSource;

    OutboxStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    long countPending(Connection c, Sink sink) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM outbox_event WHERE sink = ? AND state = 'pending'")) {
            ps.setString(1, sink.wireName());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** @return false when an event with this id is already there (nothing written, no error) */
    boolean insert(Connection c, OutboxEvent e, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO outbox_event (event_id, sink, execution_id, trace_id, traceparent, payload, state,
                                          attempts, created_at, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
                ON CONFLICT DO NOTHING""")) {
            ps.setString(1, e.eventId());
            ps.setString(2, e.sink().wireName());
            ps.setString(3, e.executionId());
            ps.setString(4, e.traceId());
            ps.setString(5, e.traceparent());
            ps.setString(6, e.body());
            ps.setLong(7, now);
            ps.setLong(8, now);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Claims up to {@code limit} due events of a sink, earliest due first. A candidate that another
     * dispatcher claimed in between is skipped (its compare-and-set updates no row).
     */
    List<Claimed> claim(Sink sink, int limit, long now, long leaseUntil, String token) throws SQLException {
        List<Claimed> candidates = new ArrayList<>();
        List<Claimed> claimed = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, event_id, trace_id, traceparent, payload, attempts, created_at FROM outbox_event
                    WHERE sink = ? AND state = 'pending' AND next_attempt_at <= ?
                      AND (claimed_until IS NULL OR claimed_until < ?)
                    ORDER BY next_attempt_at, id LIMIT ?""")) {
                ps.setString(1, sink.wireName());
                ps.setLong(2, now);
                ps.setLong(3, now);
                ps.setInt(4, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        candidates.add(new Claimed(rs.getLong(1), rs.getString(2), sink, rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getInt(6), rs.getLong(7)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE outbox_event SET claimed_until = ?, claim_token = ?
                    WHERE id = ? AND state = 'pending' AND (claimed_until IS NULL OR claimed_until < ?)""")) {
                for (Claimed candidate : candidates) {
                    ps.setLong(1, leaseUntil);
                    ps.setString(2, token);
                    ps.setLong(3, candidate.id());
                    ps.setLong(4, now);
                    if (ps.executeUpdate() == 1) {
                        claimed.add(candidate);
                    }
                }
            }
        }
        return claimed;
    }

    boolean markDelivered(Claimed e, String token, int attempts, long now) throws SQLException {
        return finish(e, token, DELIVERED, attempts, now, null);
    }

    boolean markDead(Claimed e, String token, int attempts, long now, String error) throws SQLException {
        return finish(e, token, DEAD, attempts, now, error);
    }

    boolean markRetry(Claimed e, String token, int attempts, long nextAttemptAt, String error) throws SQLException {
        return update("""
                UPDATE outbox_event SET attempts = ?, next_attempt_at = ?, last_error = ?,
                                        claimed_until = NULL, claim_token = NULL
                WHERE id = ? AND claim_token = ? AND state = 'pending'""",
                ps -> {
                    ps.setInt(1, attempts);
                    ps.setLong(2, nextAttemptAt);
                    ps.setString(3, truncate(error));
                    ps.setLong(4, e.id());
                    ps.setString(5, token);
                });
    }

    /** A paused sink's probe failed: record the error, keep the event's attempts and schedule, release it. */
    boolean markProbeFailed(Claimed e, String token, String error) throws SQLException {
        return update("""
                UPDATE outbox_event SET last_error = ?, claimed_until = NULL, claim_token = NULL
                WHERE id = ? AND claim_token = ? AND state = 'pending'""",
                ps -> {
                    ps.setString(1, truncate(error));
                    ps.setLong(2, e.id());
                    ps.setString(3, token);
                });
    }

    /** Gives an unattempted claim back (shutdown), so that the next dispatcher need not wait for the lease. */
    void release(Claimed e, String token) throws SQLException {
        update("UPDATE outbox_event SET claimed_until = NULL, claim_token = NULL WHERE id = ? AND claim_token = ?",
                ps -> {
                    ps.setLong(1, e.id());
                    ps.setString(2, token);
                });
    }

    private boolean finish(Claimed e, String token, String state, int attempts, long now, String error)
            throws SQLException {
        return update("""
                UPDATE outbox_event SET state = ?, attempts = ?, finished_at = ?, last_error = ?,
                                        claimed_until = NULL, claim_token = NULL
                WHERE id = ? AND claim_token = ? AND state = 'pending'""",
                ps -> {
                    ps.setString(1, state);
                    ps.setInt(2, attempts);
                    ps.setLong(3, now);
                    ps.setString(4, truncate(error));
                    ps.setLong(5, e.id());
                    ps.setString(6, token);
                });
    }

    /** @return the earliest {@code next_attempt_at} of the sink's pending events, or {@code Long.MAX_VALUE} */
    long nextDue(Sink sink) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT MIN(next_attempt_at) FROM outbox_event WHERE sink = ? AND state = 'pending'")) {
            ps.setString(1, sink.wireName());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long min = rs.getLong(1);
                return rs.wasNull() ? Long.MAX_VALUE : min;
            }
        }
    }

    Map<Sink, Backlog> backlog() throws SQLException {
        Map<Sink, Backlog> result = new EnumMap<>(Sink.class);
        for (Sink s : Sink.values()) {
            result.put(s, new Backlog(0, 0));
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT sink, COUNT(*), MIN(created_at) FROM outbox_event WHERE state = 'pending' GROUP BY sink""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                try {
                    result.put(Sink.of(rs.getString(1)), new Backlog(rs.getLong(2), rs.getLong(3)));
                } catch (IllegalArgumentException unknownSink) {
                    // a row of a newer version's sink: not ours to report
                }
            }
        }
        return result;
    }

    /** @return per execution id (in insertion order), per sink name, the delivery */
    Map<String, Map<String, Delivery>> deliveries(String column, String value) throws SQLException {
        Map<String, Map<String, Delivery>> result = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT execution_id, sink, state, event_id, attempts,"
                     + " next_attempt_at, finished_at, last_error FROM outbox_event WHERE " + column + " = ? ORDER BY id")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String state = rs.getString(3);
                    Instant finished = rs.getObject(7) == null ? null : Instant.ofEpochMilli(rs.getLong(7));
                    var delivery = new Delivery(state, rs.getString(4), rs.getInt(5),
                            state.equals(PENDING) ? Instant.ofEpochMilli(rs.getLong(6)) : null,
                            state.equals(DELIVERED) ? finished : null,
                            state.equals(DEAD) ? finished : null,
                            state.equals(DELIVERED) ? null : rs.getString(8));
                    result.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), delivery);
                }
            }
        }
        return result;
    }

    /**
     * Deletes delivered and dead rows finished before {@code before}, in chunks of the 5,000 smallest ids (short
     * statements, one dialect: neither {@code DELETE ... LIMIT} nor {@code IN (SELECT ... LIMIT)}).
     */
    int purge(long before) throws SQLException {
        int total = 0;
        try (Connection c = dataSource.getConnection();
             PreparedStatement last = c.prepareStatement("""
                     SELECT MAX(id) FROM (SELECT id FROM outbox_event WHERE finished_at < ? AND state <> 'pending'
                                          ORDER BY id LIMIT ?) chunk""");
             PreparedStatement delete = c.prepareStatement(
                     "DELETE FROM outbox_event WHERE id <= ? AND finished_at < ? AND state <> 'pending'")) {
            while (true) {
                last.setLong(1, before);
                last.setInt(2, PURGE_CHUNK);
                long maxId;
                try (ResultSet rs = last.executeQuery()) {
                    rs.next();
                    maxId = rs.getLong(1);
                    if (rs.wasNull()) {
                        return total;
                    }
                }
                delete.setLong(1, maxId);
                delete.setLong(2, before);
                total += delete.executeUpdate();
            }
        }
    }

    private boolean update(String sql, Binder binder) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate() == 1;
        }
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }
}

package org.bhiv.executor.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outbox's dead events ({@code outbox_finished} rows in state {@code dead}, payload kept):
 * listed newest first, counted per sink, and redelivered. A redelivery moves the row back into
 * {@code outbox_pending} under the same id and event_id with a fresh schedule (no attempts yet,
 * due now, a new max-age window), in one transaction through the group commit; the delete of the
 * dead row decides, so a second or concurrent redelivery of one id (another replica included)
 * changes nothing. Thread-safe.
 */
public final class DeadEvents {

    /** A dead event, without its payload. */
    public record DeadEvent(long id, String eventId, String sink, String executionId, String traceId,
                            int attempts, Instant createdAt, Instant deadAt, String lastError) {
    }

    /**
     * Which dead events; a {@code null} member does not filter.
     *
     * @param sink    {@code bucket} or {@code karma}
     * @param traceId one decision's
     * @param since   dead at or after
     */
    public record Filter(String sink, String traceId, Instant since) {
    }

    /** What a redelivery of one id found: the event moved back (dead), or where it is instead. */
    public enum Outcome { REDELIVERED, PENDING, DELIVERED, UNKNOWN }

    /** One id's redelivery: the outcome and, when it was dead, the event. */
    public record Redelivery(long id, Outcome outcome, DeadEvent event) {
    }

    private static final String COLUMNS =
            "id, event_id, sink, execution_id, trace_id, attempts, created_at, finished_at, last_error";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM outbox_finished WHERE state = 'dead'";
    private static final String DEPTH = "SELECT sink, COUNT(*) FROM outbox_finished WHERE state = 'dead' GROUP BY sink";
    private static final String SELECT_ONE =
            "SELECT " + COLUMNS + ", traceparent, payload FROM outbox_finished WHERE state = 'dead' AND id = ?";
    private static final String STATE_OF = """
            SELECT 'pending' FROM outbox_pending WHERE id = ?
            UNION ALL SELECT state FROM outbox_finished WHERE id = ?""";
    private static final String DELETE_DEAD = "DELETE FROM outbox_finished WHERE id = ? AND state = 'dead'";
    private static final String INSERT_PENDING = """
            INSERT INTO outbox_pending (id, event_id, sink, execution_id, trace_id, traceparent, payload, attempts,
                                        created_at, next_attempt_at, last_error)
            VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)""";

    private final Transactions db;

    /** @param database the migrated database */
    public DeadEvents(Database database) {
        this.db = database.transactions();
    }

    /**
     * @param filter   which events
     * @param limit    at most this many
     * @param beforeId only ids below this one (the previous page's last id), or {@code null}
     * @return newest first
     */
    public List<DeadEvent> list(Filter filter, int limit, Long beforeId) {
        StringBuilder sql = new StringBuilder(SELECT);
        List<Object> values = new ArrayList<>();
        Sql.where(sql, values, " AND sink = ?", filter.sink());
        Sql.where(sql, values, " AND trace_id = ?", filter.traceId());
        Sql.where(sql, values, " AND finished_at >= ?", filter.since());
        Sql.where(sql, values, " AND id < ?", beforeId);
        sql.append(" ORDER BY state, id DESC LIMIT ?");
        values.add(limit);
        return db.direct("list dead outbox events", c -> {
            List<DeadEvent> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                Sql.set(ps, values.toArray());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(read(rs));
                    }
                }
            }
            return found;
        });
    }

    /** @return per sink with dead events, how many */
    public Map<String, Long> depth() {
        return db.direct("count dead outbox events", c -> {
            Map<String, Long> result = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(DEPTH); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getString(1), rs.getLong(2));
                }
            }
            return result;
        });
    }

    /**
     * Moves one dead event back into the outbox, due now.
     *
     * @return what was found; only {@link Outcome#REDELIVERED} changed anything
     */
    public Redelivery redeliver(long id, Instant now) {
        return db.write("redeliver a dead outbox event", c -> redeliver(c, id, now));
    }

    /**
     * Moves every dead event that matches, up to {@code max} of them (newest first), back into the
     * outbox in one transaction.
     *
     * @return the events moved
     */
    public List<DeadEvent> redeliverMatching(Filter filter, int max, Instant now) {
        List<DeadEvent> candidates = list(filter, max, null);
        return db.write("redeliver dead outbox events", c -> {
            List<DeadEvent> moved = new ArrayList<>();
            for (DeadEvent candidate : candidates) {
                Redelivery r = redeliver(c, candidate.id(), now);
                if (r.outcome() == Outcome.REDELIVERED) {
                    moved.add(r.event());
                }
            }
            return moved;
        });
    }

    private static Redelivery redeliver(Connection c, long id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_ONE)) {
            Sql.set(ps, id);
            try (ResultSet rs = ps.executeQuery()) {
                // the delete decides: a replica redelivering the same id at once waits for it, then deletes nothing
                // (a dead event from before V4 has no payload and cannot be sent again)
                if (rs.next() && rs.getString("payload") != null && Sql.update(c, DELETE_DEAD, id) == 1) {
                    DeadEvent dead = read(rs);
                    Sql.update(c, INSERT_PENDING, id, dead.eventId(), dead.sink(), dead.executionId(), dead.traceId(),
                            rs.getString("traceparent"), rs.getString("payload"), now, now, dead.lastError());
                    return new Redelivery(id, Outcome.REDELIVERED, dead);
                }
            }
        }
        return new Redelivery(id, stateOf(c, id), null);
    }

    private static Outcome stateOf(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(STATE_OF)) {
            Sql.set(ps, id, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Outcome.UNKNOWN;
                }
                return switch (rs.getString(1)) {
                    case "pending" -> Outcome.PENDING;
                    case "delivered" -> Outcome.DELIVERED;
                    default -> Outcome.UNKNOWN; // dead without a payload
                };
            }
        }
    }

    private static DeadEvent read(ResultSet rs) throws SQLException {
        return new DeadEvent(rs.getLong("id"), rs.getString("event_id"), rs.getString("sink"),
                rs.getString("execution_id"), rs.getString("trace_id"), rs.getInt("attempts"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "finished_at"), rs.getString("last_error"));
    }
}

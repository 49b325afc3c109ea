package org.bhiv.executor.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the outbox's tables report (never written here): the backlog per sink, read every scan
 * interval for {@code /healthz} and the gauges, and the events of one decision, for
 * {@code GET /api/workflow/executions/{trace_id}}. Thread-safe.
 */
public final class OutboxReads {

    /** The pending events of one sink: how many, and since when the oldest waits ({@code null}: none). */
    public record Backlog(long count, Instant oldestCreatedAt) {
    }

    /**
     * One event's state: {@code pending}, {@code delivered} or {@code dead}; {@code nextAttemptAt}
     * when pending, {@code finishedAt} otherwise.
     */
    public record EventState(String executionId, String sink, String state, String eventId, int attempts,
                             Instant nextAttemptAt, Instant finishedAt, String lastError) {
    }

    // Both read only an index of the sink's rows, never the rows (payloads) themselves: a GROUP BY over
    // the table read every row of a 100k backlog each second and took a third of the drain's CPU.
    private static final String COUNT = "SELECT COUNT(*) FROM outbox_pending WHERE sink = ?";
    // ORDER BY repeats the index's leading column so that H2 reads the index in order and stops at LIMIT
    private static final String OLDEST =
            "SELECT created_at FROM outbox_pending WHERE sink = ? ORDER BY sink, created_at LIMIT 1";
    private static final String STATES = """
            SELECT id, execution_id, sink, 'pending' AS state, event_id, attempts, next_attempt_at, NULL AS finished_at,
                   last_error FROM outbox_pending WHERE trace_id = ?
            UNION ALL
            SELECT id, execution_id, sink, state, event_id, attempts, NULL, finished_at, last_error
            FROM outbox_finished WHERE trace_id = ?
            ORDER BY id""";

    private final Transactions db;

    /** @param database the migrated database */
    public OutboxReads(Database database) {
        this.db = database.transactions();
    }

    /**
     * Counts the backlog from the index of the sinks' rows (a scan of the index, O(backlog), so the
     * caller reads it at a pace it chooses, never per request) and finds the oldest from the index
     * on {@code (sink, created_at)} (O(log backlog)).
     *
     * @param sinks the sink names to read
     * @return per sink name, in the given order, the backlog
     */
    public Map<String, Backlog> backlog(List<String> sinks) {
        return db.direct("read the outbox backlog", c -> {
            Map<String, Backlog> result = new LinkedHashMap<>();
            try (PreparedStatement count = c.prepareStatement(COUNT);
                 PreparedStatement oldest = c.prepareStatement(OLDEST)) {
                for (String sink : sinks) {
                    Sql.set(count, sink);
                    Sql.set(oldest, sink);
                    long pending;
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        pending = rs.getLong(1);
                    }
                    try (ResultSet rs = oldest.executeQuery()) {
                        result.put(sink, new Backlog(pending, rs.next() ? Sql.instant(rs, "created_at") : null));
                    }
                }
            }
            return result;
        });
    }

    /** @return the states of the events of one decision's executions, oldest first */
    public List<EventState> byTrace(String traceId) {
        return db.direct("read outbox deliveries", c -> {
            List<EventState> result = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(STATES)) {
                Sql.set(ps, traceId, traceId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        result.add(new EventState(rs.getString("execution_id"), rs.getString("sink"),
                                rs.getString("state"), rs.getString("event_id"), rs.getInt("attempts"),
                                Sql.instant(rs, "next_attempt_at"), Sql.instant(rs, "finished_at"),
                                rs.getString("last_error")));
                    }
                }
            }
            return result;
        });
    }
}

package org.bhiv.executor.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The latest executions, newest first, filtered and paged by a keyset cursor (received_at,
 * execution_id) so that a page costs its size and not its offset. Reads run outside the group
 * commit. Thread-safe.
 */
public final class ExecutionQueries {

    /**
     * Which executions to list; a {@code null} member does not filter.
     *
     * @param status     {@code success} or {@code failed}
     * @param actionType the payload's action_type
     * @param userId     the payload's user_id ({@code system} when the request named none)
     * @param since      received at or after
     * @param until      received before
     */
    public record Filter(String status, String actionType, String userId, Instant since, Instant until) {
    }

    /** Where a page ends: the next page starts strictly after (older than) this execution. */
    public record Cursor(Instant receivedAt, String executionId) {
    }

    /** One page, newest first; {@code next} is {@code null} on the last page. */
    public record Page(List<ExecutionRecord> executions, Cursor next) {
    }

    private static final String SELECT = "SELECT " + JdbcExecutionStore.COLUMNS + " FROM executions WHERE 1 = 1";

    private final Transactions db;

    /** @param database the migrated database */
    public ExecutionQueries(Database database) {
        this.db = database.transactions();
    }

    /**
     * @param filter which executions
     * @param limit  at most this many (1..)
     * @param after  the previous page's {@code next}, or {@code null} for the first page
     * @return the page
     */
    public Page latest(Filter filter, int limit, Cursor after) {
        StringBuilder sql = new StringBuilder(SELECT);
        List<Object> values = new ArrayList<>();
        Sql.where(sql, values, " AND status = ?", filter.status());
        Sql.where(sql, values, " AND action_type = ?", filter.actionType());
        Sql.where(sql, values, " AND user_id = ?", filter.userId());
        Sql.where(sql, values, " AND received_at >= ?", filter.since());
        Sql.where(sql, values, " AND received_at < ?", filter.until());
        if (after != null) {
            sql.append(" AND (received_at < ? OR (received_at = ? AND execution_id < ?))");
            values.add(after.receivedAt());
            values.add(after.receivedAt());
            values.add(after.executionId());
        }
        sql.append(" ORDER BY received_at DESC, execution_id DESC LIMIT ?");
        values.add(limit + 1);
        return db.direct("list executions", c -> {
            List<ExecutionRecord> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                Sql.set(ps, values.toArray());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(JdbcExecutionStore.read(rs));
                    }
                }
            }
            if (found.size() <= limit) {
                return new Page(found, null);
            }
            List<ExecutionRecord> page = List.copyOf(found.subList(0, limit));
            ExecutionRecord last = page.getLast();
            return new Page(page, new Cursor(last.receivedAt(), last.executionId()));
        });
    }
}

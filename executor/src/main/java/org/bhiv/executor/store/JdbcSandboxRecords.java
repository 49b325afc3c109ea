package org.bhiv.executor.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * What the sandbox providers would have sent, kept in the order recorded so that tests and
 * operators can inspect it. Recording a trace's provider message id again replaces the earlier
 * record (a re-executed request records the same thing). Thread-safe.
 */
public final class JdbcSandboxRecords {

    /**
     * One recorded would-be send.
     *
     * @param traceId           the decision's trace_id
     * @param actionType        the adapter's action_type
     * @param providerMessageId the identifier the sandbox answered with
     * @param recordedAt        when it was recorded
     * @param contentJson       what would have been sent, as JSON
     */
    public record Row(String traceId, String actionType, String providerMessageId, Instant recordedAt,
                      String contentJson) {
    }

    private static final String DELETE =
            "DELETE FROM sandbox_records WHERE trace_id = ? AND provider_message_id = ?";
    private static final String INSERT = """
            INSERT INTO sandbox_records (trace_id, action_type, provider_message_id, recorded_at, content_json)
            VALUES (?, ?, ?, ?, ?)""";
    private static final String SELECT_BY_TRACE = """
            SELECT trace_id, action_type, provider_message_id, recorded_at, content_json
            FROM sandbox_records WHERE trace_id = ? ORDER BY record_id""";

    private final Transactions db;

    /** @param dataSource the migrated database */
    public JdbcSandboxRecords(DataSource dataSource) {
        this.db = new Transactions(dataSource);
    }

    /** @param row the record; replaces one of the same trace and provider message id */
    public void record(Row row) {
        db.inTransaction("record sandbox call", c -> {
            Sql.update(c, DELETE, row.traceId(), row.providerMessageId());
            return Sql.update(c, INSERT, row.traceId(), row.actionType(), row.providerMessageId(), row.recordedAt(),
                    row.contentJson());
        });
    }

    /**
     * @param traceId a decision's trace_id
     * @return what was recorded for it, oldest first
     */
    public List<Row> findByTraceId(String traceId) {
        return db.autoCommit("read sandbox records", c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT_BY_TRACE)) {
                Sql.set(ps, traceId);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Row> found = new ArrayList<>();
                    while (rs.next()) {
                        found.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), Sql.instant(rs, "recorded_at"),
                                rs.getString(5)));
                    }
                    return List.copyOf(found);
                }
            }
        });
    }
}

package org.bhiv.executor.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * What the sandbox providers would have sent, as JSON documents in the order recorded, so that
 * tests and operators can inspect it. Thread-safe.
 */
public final class JdbcSandboxRecords {

    private static final String INSERT =
            "INSERT INTO sandbox_records (trace_id, provider, recorded_at, record_json) VALUES (?, ?, ?, ?)";
    private static final String SELECT_BY_TRACE =
            "SELECT record_json FROM sandbox_records WHERE trace_id = ? ORDER BY record_id";
    private static final String SELECT_ALL = "SELECT record_json FROM sandbox_records ORDER BY record_id";

    private final Transactions db;

    /** @param dataSource the migrated database */
    public JdbcSandboxRecords(DataSource dataSource) {
        this.db = new Transactions(dataSource);
    }

    /**
     * @param traceId    the decision the provider call belongs to
     * @param provider   the sandbox provider, e.g. "whatsapp-sandbox"
     * @param recordedAt when it was recorded
     * @param recordJson what would have been sent, as JSON
     */
    public void record(String traceId, String provider, Instant recordedAt, String recordJson) {
        db.autoCommit("record sandbox call", c -> Sql.update(c, INSERT, traceId, provider, recordedAt, recordJson));
    }

    /**
     * @param traceId a decision's trace_id
     * @return what was recorded for it, oldest first
     */
    public List<String> findByTraceId(String traceId) {
        return query(SELECT_BY_TRACE, traceId);
    }

    /** @return everything recorded, oldest first */
    public List<String> all() {
        return query(SELECT_ALL);
    }

    private List<String> query(String sql, Object... params) {
        return db.autoCommit("read sandbox records", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Sql.set(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    List<String> found = new ArrayList<>();
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                    return List.copyOf(found);
                }
            }
        });
    }
}

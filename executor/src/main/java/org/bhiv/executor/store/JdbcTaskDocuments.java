package org.bhiv.executor.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Tasks created by the task adapter, kept as JSON documents keyed by task_id. Task ids are
 * deterministic (contracts 3.2), so saving a task_id that exists keeps the first document.
 * Thread-safe.
 */
public final class JdbcTaskDocuments {

    private static final String INSERT = """
            INSERT INTO tasks (task_id, trace_id, created_at, task_json) VALUES (?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";
    private static final String SELECT = "SELECT task_json FROM tasks WHERE task_id = ?";

    private final Transactions db;

    /** @param dataSource the migrated database */
    public JdbcTaskDocuments(DataSource dataSource) {
        this.db = new Transactions(dataSource);
    }

    /**
     * @param taskId    the task's id
     * @param traceId   the decision that created it
     * @param createdAt when it was created
     * @param taskJson  the task as JSON
     * @return true when stored, false when the task_id existed already
     */
    public boolean save(String taskId, String traceId, Instant createdAt, String taskJson) {
        return db.autoCommit("save task", c -> Sql.update(c, INSERT, taskId, traceId, createdAt, taskJson) == 1);
    }

    /**
     * @param taskId a task's id
     * @return its JSON document, empty when unknown
     */
    public Optional<String> find(String taskId) {
        return db.autoCommit("read task", c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT)) {
                Sql.set(ps, taskId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }
}

package org.bhiv.executor.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Tasks created by the task adapter, kept as JSON documents keyed by task_id. Task ids are
 * deterministic (contracts 3.2): saving an id that exists replaces its document. Thread-safe.
 */
public final class JdbcTaskDocuments {

    private static final String UPDATE = "UPDATE tasks SET trace_id = ?, created_at = ?, task_json = ? WHERE task_id = ?";
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
     * Stores the task, replacing a stored one with the same id.
     *
     * @param taskId    the task's id
     * @param traceId   the decision that created it
     * @param createdAt when it was created
     * @param taskJson  the task as JSON
     */
    public void save(String taskId, String traceId, Instant createdAt, String taskJson) {
        db.autoCommit("save task", c -> {
            // update-or-insert, portable to both databases; the retry covers a concurrent first insert
            for (int round = 0; round < 2; round++) {
                if (Sql.update(c, UPDATE, traceId, createdAt, taskJson, taskId) == 1
                        || Sql.update(c, INSERT, taskId, traceId, createdAt, taskJson) == 1) {
                    return null;
                }
            }
            return null;
        });
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

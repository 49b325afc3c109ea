package org.bhiv.executor.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.bhiv.executor.adapters.task.Task;
import org.bhiv.executor.adapters.task.TaskStore;
import org.bhiv.server.Json;

/**
 * The {@link TaskStore} on the executor's database: each task a JSON document keyed by its id.
 * Task ids are deterministic (contracts 3.2), so saving an id that exists replaces the task.
 * Thread-safe.
 */
public final class JdbcTaskStore implements TaskStore {

    private static final String UPDATE = "UPDATE tasks SET trace_id = ?, created_at = ?, task_json = ? WHERE task_id = ?";
    private static final String INSERT = """
            INSERT INTO tasks (task_id, trace_id, created_at, task_json) VALUES (?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";
    private static final String SELECT = "SELECT task_json FROM tasks WHERE task_id = ?";

    private final Transactions db;

    /** @param database the migrated database */
    public JdbcTaskStore(Database database) {
        this.db = database.transactions();
    }

    @Override
    public TransactionalWrite saving(Task task) {
        String json = write(task); // serialised here, not on the store's single writer thread
        return c -> {
            // insert, else update (a task id saved again): portable to both databases, and one statement
            // for a new task, the usual case
            if (Sql.update(c, INSERT, task.taskId(), task.traceId(), task.createdAt(), json) == 0) {
                Sql.update(c, UPDATE, task.traceId(), task.createdAt(), json, task.taskId());
            }
        };
    }

    @Override
    public Optional<Task> find(String taskId) {
        return db.direct("read task", c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT)) {
                Sql.set(ps, taskId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs.getString(1))) : Optional.<Task>empty();
                }
            }
        });
    }

    private static String write(Task task) {
        try {
            return Json.mapper().writeValueAsString(task);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A task must serialise to JSON", e);
        }
    }

    private static Task read(String json) {
        try {
            return Json.mapper().readValue(json, Task.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored task is not readable JSON", e);
        }
    }
}

package org.bhiv.executor.adapters.task;

import java.util.Optional;

/**
 * Where tasks live. Implementations are thread-safe. The default is {@link InMemoryTaskStore};
 * a database-backed store replaces it in {@code Main}.
 */
public interface TaskStore {

    /**
     * Stores a task. Saving a task whose id is already stored replaces it (a re-executed
     * request derives the same id and stores the same task).
     *
     * @param task the task
     */
    void save(Task task);

    /**
     * @param taskId a task id
     * @return the task, if stored
     */
    Optional<Task> find(String taskId);
}

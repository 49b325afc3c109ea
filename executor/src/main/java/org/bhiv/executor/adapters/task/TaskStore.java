package org.bhiv.executor.adapters.task;

import java.util.Optional;

import org.bhiv.executor.store.TransactionalWrite;

/**
 * Where tasks live. Implementations are thread-safe. The one in service is the
 * database's.
 */
public interface TaskStore {

    /**
     * The write that stores a task, to commit with its execution ({@link org.bhiv.executor.adapters.provider.Effects}).
     * Saving a task whose id is already stored replaces it (a re-executed request derives the
     * same id and stores the same task).
     *
     * @param task the task
     * @return the write
     */
    TransactionalWrite saving(Task task);

    /**
     * @param taskId a task id
     * @return the task, if stored
     */
    Optional<Task> find(String taskId);
}

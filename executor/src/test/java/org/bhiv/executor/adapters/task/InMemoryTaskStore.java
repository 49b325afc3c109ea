package org.bhiv.executor.adapters.task;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.bhiv.executor.store.TransactionalWrite;

/**
 * A thread-safe {@link TaskStore} in memory, for tests that run the task adapter without a
 * database: its writes ignore the connection and take effect when run.
 */
public final class InMemoryTaskStore implements TaskStore {

    private final Map<String, Task> tasks = new ConcurrentHashMap<>();

    @Override
    public TransactionalWrite saving(Task task) {
        return connection -> tasks.put(task.taskId(), task);
    }

    @Override
    public Optional<Task> find(String taskId) {
        return Optional.ofNullable(tasks.get(taskId));
    }
}

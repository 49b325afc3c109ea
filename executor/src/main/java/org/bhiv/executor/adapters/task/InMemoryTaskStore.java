package org.bhiv.executor.adapters.task;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A thread-safe {@link TaskStore} in memory, lost at restart.
 */
public final class InMemoryTaskStore implements TaskStore {

    private final Map<String, Task> tasks = new ConcurrentHashMap<>();

    @Override
    public void save(Task task) {
        tasks.put(task.taskId(), task);
    }

    @Override
    public Optional<Task> find(String taskId) {
        return Optional.ofNullable(tasks.get(taskId));
    }
}

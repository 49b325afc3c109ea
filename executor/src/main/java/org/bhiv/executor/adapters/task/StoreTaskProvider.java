package org.bhiv.executor.adapters.task;

import java.util.LinkedHashMap;

import org.bhiv.executor.adapters.provider.Effects;
import org.bhiv.executor.adapters.provider.Provider;
import org.bhiv.executor.adapters.sandbox.SandboxFaults;
import org.bhiv.executor.adapters.sandbox.SandboxRecorder;

/**
 * Creates the task in the executor's own {@link TaskStore}. As {@code sandbox} it also records
 * the task with the {@link SandboxRecorder}, like every sandbox provider.
 */
final class StoreTaskProvider implements Provider<Task, Task> {

    private final TaskStore store;
    private final SandboxRecorder recorder;
    private final SandboxFaults faults;

    /**
     * @param store    the task store
     * @param recorder the recorder, or {@code null} to record nothing
     * @param faults   simulated failures
     */
    StoreTaskProvider(TaskStore store, SandboxRecorder recorder, SandboxFaults faults) {
        this.store = store;
        this.recorder = recorder;
        this.faults = faults;
    }

    @Override
    public Task call(Task task, Effects effects) throws Exception {
        faults.apply();
        effects.add(store.saving(task));
        if (recorder != null) {
            var content = new LinkedHashMap<String, Object>();
            content.put("title", task.title());
            content.put("description", task.description());
            content.put("user_id", task.userId());
            effects.add(recorder.recording(task.traceId(), "task", task.taskId(), content));
        }
        return task;
    }

    @Override
    public boolean reachesOutside() {
        return false;
    }
}

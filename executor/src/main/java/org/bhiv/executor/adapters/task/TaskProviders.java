package org.bhiv.executor.adapters.task;

import org.bhiv.executor.adapters.provider.Provider;
import org.bhiv.executor.adapters.provider.ProviderFactory;
import org.bhiv.executor.adapters.sandbox.SandboxFaults;

/**
 * The task providers by config name: {@code sandbox} (the default: the task store, and a
 * sandbox record) and {@code store} (the task store only).
 */
public final class TaskProviders {

    private TaskProviders() {
    }

    /**
     * @param store the task store every provider writes to
     * @return the factory
     */
    public static ProviderFactory<Provider<Task, Task>> factory(TaskStore store) {
        return ProviderFactory.<Provider<Task, Task>>builder("task")
                .add("sandbox", ctx -> new StoreTaskProvider(store, ctx.recorder(), SandboxFaults.create(ctx.config())))
                .add("store", ctx -> new StoreTaskProvider(store, null, SandboxFaults.create(ctx.config())))
                .build();
    }
}

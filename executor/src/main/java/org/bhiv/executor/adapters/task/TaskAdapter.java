package org.bhiv.executor.adapters.task;

import java.time.Clock;
import java.util.LinkedHashMap;

import org.bhiv.executor.adapters.Adapter;
import org.bhiv.executor.adapters.AdapterCall;
import org.bhiv.executor.adapters.AdapterConfig;
import org.bhiv.executor.adapters.AdapterOutcome;
import org.bhiv.executor.adapters.PayloadFields;
import org.bhiv.executor.adapters.provider.Provider;
import org.bhiv.executor.adapters.provider.ProviderCalls;
import org.bhiv.executor.adapters.provider.ProviderContext;

/**
 * {@code task}: {@code title} (1..500 characters), {@code description} optional; answers
 * {@code task_id}, {@code task_status: CREATED}, {@code reference}, {@code created_at}.
 */
public final class TaskAdapter implements Adapter {

    /** Longest accepted title, in characters. */
    public static final int MAX_TITLE = 500;

    private final AdapterConfig config;
    private final Provider<Task, Task> provider;
    private final Clock clock;

    /**
     * @param config   the adapter's config
     * @param provider the provider that creates the task
     * @param clock    the clock for {@code created_at}
     */
    public TaskAdapter(AdapterConfig config, Provider<Task, Task> provider, Clock clock) {
        this.config = config;
        this.provider = provider;
        this.clock = clock;
    }

    /**
     * @param context config and shared collaborators; the provider is picked by config name
     * @param store   where tasks are stored
     * @return the adapter
     */
    public static TaskAdapter create(ProviderContext context, TaskStore store) {
        return new TaskAdapter(context.config(), TaskProviders.factory(store).create(context), context.clock());
    }

    @Override
    public String actionType() {
        return "task";
    }

    @Override
    public AdapterOutcome execute(AdapterCall call) {
        var payload = call.payload();
        var title = PayloadFields.text(payload, "title");
        if (title.isEmpty()) {
            return new AdapterOutcome.Invalid("missing_task_title", "title is required and must be a non-empty string.");
        }
        if (PayloadFields.length(title.get()) > MAX_TITLE) {
            return new AdapterOutcome.Invalid("task_title_too_long", "title must be at most " + MAX_TITLE + " characters.");
        }
        var task = new Task(call.id("task_"), call.traceId(), title.get(),
                PayloadFields.text(payload, "description").orElse(null),
                PayloadFields.text(payload, "user_id").orElse("system"),
                Task.CREATED, clock.instant());
        return ProviderCalls.outcome(config, provider, task, call.effects(), created -> {
            var fields = new LinkedHashMap<String, Object>();
            fields.put("task_id", created.taskId());
            fields.put("task_status", created.status());
            fields.put("reference", created.reference());
            fields.put("created_at", created.createdAt().toString());
            return fields;
        });
    }

    @Override
    public boolean reachesOutside() {
        return provider.reachesOutside();
    }
}

package org.bhiv.executor.adapters.task;

import java.util.Set;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.server.ProblemException;
import org.bhiv.server.Responses;
import org.bhiv.server.auth.Caller;

/**
 * {@code GET /api/tasks/{task_id}}: a task created by the task adapter, 404
 * {@code task_not_found} when unknown. Requires one of
 * {@code executor.callers.read} when tokens are configured.
 */
public final class TaskService implements HttpService {

    private final TaskStore store;
    private final Set<String> readers;

    /**
     * @param store   the store to read
     * @param readers the identities that may read tasks ({@code executor.callers.read})
     */
    public TaskService(TaskStore store, Set<String> readers) {
        this.store = store;
        this.readers = Set.copyOf(readers);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{task_id}", this::task);
    }

    private void task(ServerRequest req, ServerResponse res) {
        Caller.of(req).require(readers);
        String taskId = req.path().pathParameters().get("task_id");
        Task task = store.find(taskId)
                .orElseThrow(() -> ProblemException.of(404, "task_not_found", "No task has this task_id."));
        Responses.json(res, 200, task);
    }
}

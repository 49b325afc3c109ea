package org.bhiv.executor.workflow;

/**
 * Executes a validated workflow request and produces the HTTP answer (section 3.1 steps 5-7).
 * This is the seam the layers of the executor wrap, each a decorator around the next:
 * idempotency (replay, 409, 422 {@code idempotency_key_reused}), then the outbox (events
 * after a {@code success}/{@code failed} answer), then {@link WorkflowExecutions}, which runs
 * the adapter. Implementations are thread-safe; refusals are thrown as
 * {@link org.bhiv.server.ProblemException}.
 */
@FunctionalInterface
public interface WorkflowExecutor {

    /**
     * @param request the validated request
     * @return the answer to send
     */
    ExecutionAnswer execute(WorkflowRequest request);
}

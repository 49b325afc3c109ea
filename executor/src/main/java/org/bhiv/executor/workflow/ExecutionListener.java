package org.bhiv.executor.workflow;

import java.util.List;

import org.bhiv.executor.execution.Execution;

/**
 * What the pipeline tells about each request, step by step; the log, the meters and the
 * {@code /healthz} counters listen. Every method is called on the request's thread and must
 * return quickly and never throw.
 */
public interface ExecutionListener {

    /** A request with a valid shape arrived. */
    default void received(String traceId, String decision) {
    }

    /** The decision is not {@code workflow}: nothing is executed. */
    default void skipped(String traceId, String reason) {
    }

    /** The engine is about to run, under a fresh claim of the key; the action type as the caller sent it. */
    default void started(String traceId, String actionType) {
    }

    /** The engine did the action. */
    default void succeeded(Execution execution) {
    }

    /** The engine answered that the action was not done. */
    default void failed(Execution execution) {
    }

    /** A stored answer is sent again; the engine did not run. */
    default void replayed(String traceId) {
    }

    /**
     * @param listeners the listeners, told in this order
     * @return one listener that tells them all
     */
    static ExecutionListener all(List<ExecutionListener> listeners) {
        List<ExecutionListener> all = List.copyOf(listeners);
        return new ExecutionListener() {
            @Override
            public void received(String traceId, String decision) {
                all.forEach(l -> l.received(traceId, decision));
            }

            @Override
            public void skipped(String traceId, String reason) {
                all.forEach(l -> l.skipped(traceId, reason));
            }

            @Override
            public void started(String traceId, String actionType) {
                all.forEach(l -> l.started(traceId, actionType));
            }

            @Override
            public void succeeded(Execution execution) {
                all.forEach(l -> l.succeeded(execution));
            }

            @Override
            public void failed(Execution execution) {
                all.forEach(l -> l.failed(execution));
            }

            @Override
            public void replayed(String traceId) {
                all.forEach(l -> l.replayed(traceId));
            }
        };
    }
}

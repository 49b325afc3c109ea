package org.bhiv.executor.idempotency;

import org.bhiv.executor.store.ExecutionRecord;
import org.bhiv.executor.store.TransactionalWrite;

/**
 * The integration events of one execution, written in the transaction that stores it (contracts
 * section 4: the outbox). The outbox plugs in here.
 */
@FunctionalInterface
public interface ExecutionEvents {

    /**
     * @param execution the execution being stored
     * @param attempt   the request it answered
     * @return the writes that enqueue its events
     */
    TransactionalWrite eventsFor(ExecutionRecord execution, Attempt attempt);

    /** Called after the transaction that wrote events committed (wakes the delivery). */
    default void afterCommit() {
    }

    /** @return no events at all (no outbox configured) */
    static ExecutionEvents none() {
        return (execution, attempt) -> TransactionalWrite.none();
    }
}

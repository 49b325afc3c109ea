package org.bhiv.executor.store;

/**
 * An execution read back from the store.
 *
 * @param execution  what ran and what was answered
 * @param replayable true when this answer is replayed for its idempotency key (success or a
 *                   non-retryable failure, stored while the key was held)
 */
public record StoredExecution(ExecutionRecord execution, boolean replayable) {
}

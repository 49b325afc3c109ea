package org.bhiv.executor.store;

import java.util.List;

/**
 * Executions and their idempotency keys (contracts 3.4). A key is claimed before the adapter
 * runs; exactly one claim of a key succeeds, also across executor replicas sharing one
 * database. The holder then completes the claim (the answer is stored and replayed for the
 * key) or releases it (nothing is replayed, a retry executes again). A claim whose holder
 * crashed is freed when its lease runs out. Every method throws {@link StoreException} when
 * the database cannot do it.
 */
public interface ExecutionStore {

    /**
     * Claims {@code key} for a request with {@code fingerprint}, atomically, with a claim that
     * outlives the process: {@code claim(key, fingerprint, true)}.
     *
     * @param key         the idempotency key
     * @param fingerprint the request's fingerprint (SHA-256 hex of its canonical JSON)
     * @return claimed, a replay of the stored answer, in progress elsewhere, or a mismatch
     */
    default ClaimOutcome claim(String key, String fingerprint) {
        return claim(key, fingerprint, true);
    }

    /**
     * Claims {@code key} for a request with {@code fingerprint}, atomically.
     *
     * <p>{@code durable} says whether the claim must outlive the process. It must when the action
     * reaches outside the executor (a provider over the network): should the process die during
     * the call, the key then stays claimed until its lease ends, so a retry gets 409 instead of
     * sending the message twice. It need not when the action's only effects are writes that
     * commit with the execution (the sandbox, the task store): a process that dies before that
     * commit leaves nothing behind, so the retry rightly executes. A store whose database only one
     * process can open (the embedded H2 file) then holds the claim in memory and spares the
     * database a commit; a shared database (PostgreSQL, several replicas) always makes it durable.
     *
     * @param key         the idempotency key
     * @param fingerprint the request's fingerprint (SHA-256 hex of its canonical JSON)
     * @param durable     true when the claim must survive the process
     * @return claimed, a replay of the stored answer, in progress elsewhere, or a mismatch
     */
    ClaimOutcome claim(String key, String fingerprint, boolean durable);

    /**
     * Stores the execution as the key's answer, and runs {@code alsoWrite} in the same
     * transaction. When the claim was lost meanwhile (its lease ran out and another request
     * took the key over) the execution and {@code alsoWrite} are still stored, but not as the
     * key's answer.
     *
     * @param claim     the claim held
     * @param execution the execution and its answer
     * @param alsoWrite more writes of the same transaction (the outbox events)
     * @return true when the answer is now stored for the key, false when the claim was lost
     */
    boolean complete(ClaimOutcome.Claimed claim, ExecutionRecord execution, TransactionalWrite alsoWrite);

    /**
     * Records the execution (not replayable), runs {@code alsoWrite} and frees the key in one
     * transaction: a retry with the key executes again. For retryable failures.
     *
     * @param claim     the claim held
     * @param execution the execution and its answer
     * @param alsoWrite more writes of the same transaction (the outbox events)
     */
    void release(ClaimOutcome.Claimed claim, ExecutionRecord execution, TransactionalWrite alsoWrite);

    /**
     * Frees the key without recording anything, for a claim that ended without an execution
     * (the request was refused, or the engine threw).
     *
     * @param claim the claim held
     */
    void abandon(ClaimOutcome.Claimed claim);

    /**
     * Records an execution that no key answers with, and runs {@code alsoWrite} in the same
     * transaction.
     *
     * @param execution the execution and its answer
     * @param alsoWrite more writes of the same transaction (the outbox events)
     */
    void record(ExecutionRecord execution, TransactionalWrite alsoWrite);

    /**
     * @param traceId a decision's trace_id
     * @return its executions, oldest first; empty when none is known
     */
    List<StoredExecution> findByTraceId(String traceId);

    /**
     * Deletes the keys whose retention has ended; their executions stay readable. Claims held in
     * memory whose lease ran out (their commit failed) are forgotten too.
     *
     * @return how many keys were deleted
     */
    int purgeExpiredKeys();
}

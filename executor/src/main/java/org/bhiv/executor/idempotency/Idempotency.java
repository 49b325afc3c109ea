package org.bhiv.executor.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import org.bhiv.executor.execution.Execution;
import org.bhiv.executor.store.ClaimOutcome;
import org.bhiv.executor.store.ExecutionRecord;
import org.bhiv.executor.store.ExecutionStore;
import org.bhiv.executor.store.StoreException;
import org.bhiv.executor.store.TransactionalWrite;
import org.bhiv.server.CanonicalJson;
import org.bhiv.server.Hashing;
import org.bhiv.server.LogSafe;
import org.bhiv.server.ProblemException;

/**
 * The idempotency stage of the pipeline (contracts 3.4): before the engine, a key is claimed,
 * or its stored answer is replayed, or the request is refused (409 in progress, 422 reused
 * for another body); after the engine, the execution is stored as the key's answer (success,
 * failure that cannot be fixed by trying again) or recorded and the key freed (retryable
 * failure), in one transaction with the writes the caller adds (the action's own writes and
 * the outbox events). Thread-safe.
 */
public final class Idempotency {

    /** The header that marks a replayed answer. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final System.Logger LOGGER = System.getLogger(Idempotency.class.getName());

    private final ExecutionStore store;

    /** @param store the execution store */
    public Idempotency(ExecutionStore store) {
        this.store = store;
    }

    /**
     * @param body a request body
     * @return its fingerprint: SHA-256 hex of its canonical JSON
     */
    public static String fingerprint(JsonNode body) {
        return Hashing.sha256Hex(CanonicalJson.of(body));
    }

    /**
     * @param key         the idempotency key
     * @param fingerprint the request's {@link #fingerprint}
     * @param traceId     the request's trace_id (for refusals)
     * @param durable     true when the claim must outlive the process: the action reaches outside
     *                    the executor ({@link ExecutionStore#claim(String, String, boolean)})
     * @return {@link ClaimOutcome.Claimed} (run the engine, then {@link #settle} or {@link #abandon})
     *         or {@link ClaimOutcome.Replay} (send the stored answer again)
     * @throws ProblemException 409 {@code request_in_progress}, 422 {@code idempotency_key_reused},
     *                          503 {@code store_unavailable}
     */
    public ClaimOutcome claim(String key, String fingerprint, String traceId, boolean durable) {
        ClaimOutcome outcome;
        try {
            outcome = store.claim(key, fingerprint, durable);
        } catch (StoreException e) {
            LOGGER.log(System.Logger.Level.ERROR, "Idempotency claim failed; answering 503", e);
            throw StoreException.unavailable().withTraceId(traceId);
        }
        return switch (outcome) {
            case ClaimOutcome.InProgress ignored -> throw ProblemException.of(409, "request_in_progress",
                            "A request with this idempotency key is still executing; retry shortly.")
                    .withHeader("Retry-After", "1").withTraceId(traceId);
            case ClaimOutcome.FingerprintMismatch ignored -> throw ProblemException.of(422, "idempotency_key_reused",
                    "This idempotency key was already used for a different request.").withTraceId(traceId);
            case ClaimOutcome.Claimed claimed -> claimed;
            case ClaimOutcome.Replay replay -> replay;
        };
    }

    /**
     * Stores the execution with {@code alsoWrite} in one transaction: as the key's answer when it
     * is {@link Execution#replayable() replayable}, else recorded with the key freed. Never
     * changes the answer: when the store fails, the action happened all the same; the failure is
     * logged and the key stays claimed until its lease ends.
     *
     * @param claim      the claim held
     * @param execution  the execution
     * @param answerJson the answer's body, sent now and replayed later
     * @param alsoWrite  the writes that commit with it
     * @return true when the transaction committed
     */
    public boolean settle(ClaimOutcome.Claimed claim, Execution execution, String answerJson,
                          TransactionalWrite alsoWrite) {
        var row = new ExecutionRecord(execution.executionId(), execution.traceId(), execution.idempotencyKey(),
                execution.actionType().recorded(), execution.status(), execution.receivedAt(), execution.durationMs(),
                execution.resultJson(), 200, answerJson, execution.userId() == null ? "system" : execution.userId());
        try {
            if (execution.replayable()) {
                store.complete(claim, row, alsoWrite);
            } else {
                store.release(claim, row, alsoWrite);
            }
            return true;
        } catch (StoreException e) {
            LOGGER.log(System.Logger.Level.ERROR, "EXECUTION_NOT_STORED | trace_id=" + LogSafe.value(execution.traceId()), e);
            return false;
        }
    }

    /**
     * Frees the key without recording anything: the engine threw.
     *
     * @param claim the claim held
     */
    public void abandon(ClaimOutcome.Claimed claim) {
        try {
            store.abandon(claim);
        } catch (StoreException e) {
            LOGGER.log(System.Logger.Level.WARNING, "Could not free an idempotency key; it is freed when its lease ends", e);
        }
    }
}

package org.bhiv.executor.idempotency;

import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.bhiv.executor.store.ClaimOutcome;
import org.bhiv.executor.store.ExecutionRecord;
import org.bhiv.executor.store.ExecutionStore;
import org.bhiv.executor.store.StoreException;
import org.bhiv.server.Json;
import org.bhiv.server.LogSafe;
import org.bhiv.server.ProblemException;

/**
 * Runs a workflow execution at most once per idempotency key (contracts 3.4): claims the key,
 * answers a replay, 409 or 422 without running the engine, or runs it and then stores the
 * answer (success, non-retryable failure) or records it and frees the key (retryable failure).
 * The execution's integration events are written in the same transaction. Thread-safe.
 */
public final class IdempotentExecutions {

    private static final System.Logger LOGGER = System.getLogger(IdempotentExecutions.class.getName());

    private final ExecutionStore store;
    private final ExecutionEvents events;
    private final Consumer<String> onReplay;

    /**
     * @param store    the execution store
     * @param events   the integration events written with each execution
     * @param onReplay called with the trace_id of each replayed answer (log line, metric, counter)
     */
    public IdempotentExecutions(ExecutionStore store, ExecutionEvents events, Consumer<String> onReplay) {
        this.store = store;
        this.events = events;
        this.onReplay = onReplay;
    }

    /**
     * @param attempt the validated request and its key
     * @param engine  runs the adapter and answers; runs at most once per key
     * @return the answer to send: fresh from the engine, or replayed from the store
     * @throws ProblemException 409 {@code request_in_progress}, 422 {@code idempotency_key_reused},
     *                          503 {@code store_unavailable}
     */
    public Reply execute(Attempt attempt, Supplier<Reply> engine) {
        ClaimOutcome outcome = claim(attempt);
        return switch (outcome) {
            case ClaimOutcome.Replay replay -> {
                onReplay.accept(attempt.traceId());
                yield new Reply(replay.status(), replay.body(), true);
            }
            case ClaimOutcome.InProgress ignored -> throw ProblemException.of(409, "request_in_progress",
                            "A request with this idempotency key is still executing; retry shortly.")
                    .withHeader("Retry-After", "1").withTraceId(attempt.traceId());
            case ClaimOutcome.FingerprintMismatch ignored -> throw ProblemException.of(422, "idempotency_key_reused",
                    "This idempotency key was already used for a different request.").withTraceId(attempt.traceId());
            case ClaimOutcome.Claimed claim -> run(attempt, claim, engine);
        };
    }

    private ClaimOutcome claim(Attempt attempt) {
        try {
            return store.claim(attempt.key(), attempt.fingerprint());
        } catch (StoreException e) {
            LOGGER.log(System.Logger.Level.ERROR, "Idempotency claim failed; answering 503", e);
            throw ProblemException.of(503, "store_unavailable", "The executor's store is unavailable; retry later.")
                    .withHeader("Retry-After", "1").withTraceId(attempt.traceId());
        }
    }

    private Reply run(Attempt attempt, ClaimOutcome.Claimed claim, Supplier<Reply> engine) {
        long started = System.nanoTime();
        Reply answer;
        try {
            answer = engine.get();
        } catch (RuntimeException | Error e) {
            abandon(claim); // an Error (OOM, a missing class) must not keep the key claimed for the lease
            throw e;
        }
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        settle(attempt, claim, answer, durationMs);
        return answer;
    }

    /** Stores, releases or abandons the claim depending on the answer; never changes the answer. */
    private void settle(Attempt attempt, ClaimOutcome.Claimed claim, Reply answer, long durationMs) {
        JsonNode body = parse(answer.body());
        Disposition disposition = body == null ? Disposition.NOT_STORED : Disposition.of(answer.status(), body);
        if (disposition == Disposition.NOT_STORED) {
            abandon(claim);
            return;
        }
        var execution = new ExecutionRecord(ExecutionRecord.newId(), attempt.traceId(), attempt.key(),
                attempt.actionType(), body.path("status").asText(), attempt.receivedAt(), durationMs,
                body.path("execution_result").toString(), answer.status(), answer.body());
        try {
            var write = events.eventsFor(execution, attempt);
            if (disposition == Disposition.STORED) {
                store.complete(claim, execution, write);
            } else {
                store.release(claim, execution, write);
            }
            events.afterCommit();
        } catch (StoreException e) {
            // The action happened; the caller gets its answer. The key stays claimed until its lease ends.
            LOGGER.log(System.Logger.Level.ERROR, "EXECUTION_NOT_STORED | trace_id=" + LogSafe.value(attempt.traceId()), e);
        }
    }

    private void abandon(ClaimOutcome.Claimed claim) {
        try {
            store.abandon(claim);
        } catch (StoreException e) {
            LOGGER.log(System.Logger.Level.WARNING, "Could not free an idempotency key; it is freed when its lease ends", e);
        }
    }

    /** @return the answer's JSON, or null (logged) when the engine answered something else */
    private static JsonNode parse(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            LOGGER.log(System.Logger.Level.ERROR, "The engine answered a body that is not JSON; not stored", e);
            return null;
        }
    }
}

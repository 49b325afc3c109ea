package org.bhiv.executor.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.executor.adapters.provider.Effects;
import org.bhiv.executor.engine.ExecutionEngine;
import org.bhiv.executor.engine.ExecutionOutcome;
import org.bhiv.executor.execution.ActionType;
import org.bhiv.executor.execution.Execution;
import org.bhiv.executor.idempotency.Idempotency;
import org.bhiv.executor.outbox.Outbox;
import org.bhiv.executor.outbox.OutboxEvent;
import org.bhiv.executor.store.ClaimOutcome;
import org.bhiv.executor.store.TransactionalWrite;
import org.bhiv.server.Json;
import org.bhiv.server.Problem;
import org.bhiv.server.ProblemException;

/**
 * What {@code POST /api/workflow/execute} does with a request body, once its caller and its
 * bytes were accepted, in the order of its stages:
 * <ol>
 *   <li><b>shape</b>: every invalid field in one 422; a decision other than {@code workflow} is
 *       skipped (200); a workflow needs a non-empty payload (400);</li>
 *   <li><b>idempotency</b>: the key is claimed, or its stored answer replayed, or the request
 *       refused (409 in progress, 422 reused for another body); the claim is made durable first
 *       only when the action reaches outside the executor;</li>
 *   <li><b>engine</b>: the adapter runs once; its writes to the executor's own database are
 *       collected, not committed;</li>
 *   <li><b>record and enqueue</b>: the execution, its key's state, the adapter's writes and the
 *       Bucket and Karma events commit in one transaction;</li>
 *   <li><b>answer</b>: the JSON written once, sent now and replayed later byte for byte.</li>
 * </ol>
 * The {@link ExecutionListener} hears each step (log lines, meters, {@code /healthz} counters).
 * Thread-safe.
 */
public final class ExecutionPipeline {

    /** Why a decision other than {@code workflow} is not executed. */
    public static final String NOT_A_WORKFLOW = "decision_not_workflow";

    /**
     * What to send.
     *
     * @param status   HTTP status
     * @param json     the body
     * @param replayed true when it is a stored answer sent again
     */
    public record Answer(int status, String json, boolean replayed) {
    }

    private final Idempotency idempotency;
    private final ExecutionEngine engine;
    private final Outbox outbox;
    private final ExecutionListener listener;
    private final Clock clock;

    /**
     * @param idempotency the idempotency stage
     * @param engine      runs the adapters
     * @param outbox      where the integration events are enqueued
     * @param listener    hears every step
     * @param clock       stamps arrival and end
     */
    public ExecutionPipeline(Idempotency idempotency, ExecutionEngine engine, Outbox outbox, ExecutionListener listener,
                             Clock clock) {
        this.idempotency = idempotency;
        this.engine = engine;
        this.outbox = outbox;
        this.listener = listener;
        this.clock = clock;
    }

    /**
     * @param body           the request body
     * @param idempotencyKey the {@code Idempotency-Key} header, if sent
     * @param traceparent    the W3C {@code traceparent} header, {@code null} when absent
     * @param caller         the caller's identity
     * @return the answer
     * @throws ProblemException 422, 400, 409 or 503 as the stages decide
     */
    public Answer execute(ObjectNode body, Optional<String> idempotencyKey, String traceparent, String caller) {
        // 1. shape
        WorkflowShape shape = WorkflowShape.check(body, idempotencyKey);
        listener.received(shape.traceId(), shape.decision());
        if (!shape.executes()) {
            listener.skipped(shape.traceId(), NOT_A_WORKFLOW);
            return skipped(shape.traceId());
        }
        if (shape.payload() == null || shape.payload().isEmpty()) {
            throw ProblemException.of(Problem.of(400, "missing_workflow_payload",
                    "A workflow decision needs data.payload with at least one field.").withTraceId(shape.traceId()));
        }
        Instant receivedAt = clock.instant();

        // 2. idempotency
        ClaimOutcome claim = idempotency.claim(shape.idempotencyKey(), Idempotency.fingerprint(body), shape.traceId(),
                engine.reachesOutside(shape.actionType()));
        if (claim instanceof ClaimOutcome.Replay replay) {
            listener.replayed(shape.traceId());
            return new Answer(replay.status(), replay.body(), true);
        }
        var claimed = (ClaimOutcome.Claimed) claim;

        // 3. engine
        var effects = new Effects();
        Execution execution;
        try {
            execution = run(shape, effects, receivedAt, traceparent, caller);
        } catch (RuntimeException | Error e) {
            idempotency.abandon(claimed); // an Error (OOM, a missing class) must not hold the key for the lease
            throw e;
        }

        // 4. record and enqueue, in one transaction
        String answer = execution.answerJson();
        List<OutboxEvent> events = outbox.eventsOf(execution); // built here, not on the store's writer thread
        TransactionalWrite actionWrites = effects.asWrite();
        if (idempotency.settle(claimed, execution, answer, c -> {
            actionWrites.write(c);
            outbox.enqueue(c, events);
        })) {
            outbox.afterCommit();
        }

        // 5. answer
        return new Answer(200, answer, false);
    }

    private Execution run(WorkflowShape shape, Effects effects, Instant receivedAt, String traceparent, String caller) {
        listener.started(shape.traceId(), shape.actionType());
        long started = System.nanoTime();
        ExecutionOutcome outcome = engine.run(shape.traceId(), shape.idempotencyKey(), shape.payload(), effects);
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        var execution = new Execution(Execution.newId(), shape.traceId(), shape.idempotencyKey(),
                ActionType.of(shape.actionType(), outcome.actionType()), outcome.success(), outcome.errorCode(),
                outcome.retryable(), outcome.result(), receivedAt, durationMs, clock.instant(), caller,
                shape.userId(), shape.product(), shape.role(), traceparent);
        if (execution.success()) {
            listener.succeeded(execution);
        } else {
            listener.failed(execution);
        }
        return execution;
    }

    private static Answer skipped(String traceId) {
        var body = new LinkedHashMap<String, Object>();
        body.put("trace_id", traceId);
        body.put("status", "skipped");
        body.put("reason", NOT_A_WORKFLOW);
        return new Answer(200, Json.mapper().valueToTree(body).toString(), false);
    }
}

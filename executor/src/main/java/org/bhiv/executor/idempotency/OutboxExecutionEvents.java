package org.bhiv.executor.idempotency;

import java.time.Clock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.bhiv.executor.outbox.CompletedExecution;
import org.bhiv.executor.outbox.Outbox;
import org.bhiv.executor.store.ExecutionRecord;
import org.bhiv.executor.store.TransactionalWrite;
import org.bhiv.server.Json;

/**
 * The Bucket and Karma events of an execution, enqueued in the durable {@link Outbox} inside the
 * transaction that stores the execution (contracts section 4), and the dispatcher woken after
 * the commit.
 */
public final class OutboxExecutionEvents implements ExecutionEvents {

    private final Outbox outbox;
    private final Clock clock;

    /**
     * @param outbox the outbox
     * @param clock  stamps when executions finished
     */
    public OutboxExecutionEvents(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public TransactionalWrite eventsFor(ExecutionRecord execution, Attempt attempt) {
        JsonNode payload = attempt.body().path("data").path("payload");
        var completed = new CompletedExecution(execution.executionId(), execution.traceId(), execution.idempotencyKey(),
                execution.actionType(), execution.status(), text(payload, "product"), text(payload, "user_id"),
                text(payload, "role"), parse(execution.resultJson()), execution.durationMs(), clock.instant(),
                attempt.traceparent());
        var events = outbox.eventsOf(completed); // built here, not on the store's single writer thread
        return connection -> outbox.enqueue(connection, events);
    }

    @Override
    public void afterCommit() {
        outbox.afterCommit();
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An execution_result is not JSON", e);
        }
    }
}

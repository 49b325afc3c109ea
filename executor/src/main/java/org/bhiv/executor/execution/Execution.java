package org.bhiv.executor.execution;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.server.Json;

/**
 * One execution of a workflow, as the pipeline built it from the engine's outcome. It flows one
 * way: to the answer ({@link #answerJson()}), the store and the outbox; nobody re-derives a
 * field from JSON.
 *
 * @param executionId    unique id of this execution
 * @param traceId        the decision's trace_id
 * @param idempotencyKey the key it ran under (the {@code Idempotency-Key} header, else the trace_id)
 * @param actionType     the action type, as the log, the store and the meters see it
 * @param success        whether the action was done
 * @param errorCode      the result's error code when it was not, else {@code null}
 * @param retryable      whether trying again may succeed (such a failure is recorded, not replayed)
 * @param result         the {@code execution_result} (do not modify)
 * @param receivedAt     when the request arrived
 * @param durationMs     how long the engine took, adapter and provider included
 * @param finishedAt     when the engine finished
 * @param caller         the identity that sent it ({@code anonymous} without a token)
 * @param userId         {@code payload.user_id} as validated, {@code null} when absent
 * @param product        {@code payload.product} as validated, {@code null} when absent
 * @param role           {@code payload.role} as validated, {@code null} when absent
 * @param traceparent    the request's W3C {@code traceparent}, {@code null} when absent
 */
public record Execution(String executionId, String traceId, String idempotencyKey, ActionType actionType,
                        boolean success, String errorCode, boolean retryable, ObjectNode result, Instant receivedAt,
                        long durationMs, Instant finishedAt, String caller, String userId, String product,
                        String role, String traceparent) {

    /** {@link #status()} of a done action. */
    public static final String SUCCESS = "success";
    /** {@link #status()} of an action that was not done. */
    public static final String FAILED = "failed";

    public Execution {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(actionType, "actionType");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        if (durationMs < 0) {
            throw new IllegalArgumentException("durationMs must not be negative, was " + durationMs);
        }
        if (success && (errorCode != null || retryable)) {
            throw new IllegalArgumentException("A successful execution has no error code and is not retryable");
        }
    }

    /** @return a fresh execution id ({@link TimeOrderedIds}) */
    public static String newId() {
        return TimeOrderedIds.next();
    }

    /** @return {@code success} or {@code failed} */
    public String status() {
        return success ? SUCCESS : FAILED;
    }

    /**
     * @return true when the answer is stored and replayed under its key (contracts 3.4): a
     *         success, or a failure that trying again cannot fix
     */
    public boolean replayable() {
        return success || !retryable;
    }

    /** @return the answer's body, {@code {"trace_id", "status", "execution_result"}}, written once */
    public String answerJson() {
        var out = new StringWriter(256);
        try (JsonGenerator json = Json.mapper().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("trace_id", traceId);
            json.writeStringField("status", status());
            json.writeFieldName("execution_result");
            json.writeTree(result);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("An answer always serialises", e);
        }
        return out.toString();
    }

    /** @return the {@code execution_result} as JSON text, for the store */
    public String resultJson() {
        return result.toString();
    }
}

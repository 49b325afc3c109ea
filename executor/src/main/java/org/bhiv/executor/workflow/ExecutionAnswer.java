package org.bhiv.executor.workflow;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The answer to a {@link WorkflowRequest}: what to send, plus what wrappers (idempotency,
 * outbox) need to know about the execution.
 *
 * @param status          HTTP status (200)
 * @param body            {@code {"trace_id", "status", "execution_result"}} (do not modify)
 * @param actionType      the action type: a supported one, {@code none} or {@code unsupported}
 * @param executionStatus {@code success} or {@code failed}
 * @param durationMs      how long the execution took
 * @param result          the {@code execution_result} (the same node as in {@code body})
 * @param headers         extra response headers, e.g. {@code Idempotent-Replayed: true}
 */
public record ExecutionAnswer(int status, ObjectNode body, String actionType, String executionStatus,
                              long durationMs, ObjectNode result, Map<String, String> headers) {

    /** {@code executionStatus} of a done action. */
    public static final String SUCCESS = "success";
    /** {@code executionStatus} of an action that was not done. */
    public static final String FAILED = "failed";

    public ExecutionAnswer {
        headers = Map.copyOf(headers);
    }

    /** @return true when the result says trying again may succeed (such results are not stored) */
    public boolean retryable() {
        return result.path("retryable").asBoolean(false);
    }

    /** @return the result's error code, or {@code null} on success */
    public String errorCode() {
        return result.hasNonNull("error_code") ? result.get("error_code").asText() : null;
    }

    /**
     * @param name  header name
     * @param value header value
     * @return a copy that also sends this header
     */
    public ExecutionAnswer withHeader(String name, String value) {
        var more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ExecutionAnswer(status, body, actionType, executionStatus, durationMs, result, more);
    }
}

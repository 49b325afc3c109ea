package org.bhiv.executor.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A validated workflow request, ready to execute (section 3.1 after step 4): the decision is
 * {@code workflow} and the payload is a non-empty object. The constructor guards exactly that.
 *
 * @param traceId        the decision's trace_id (valid: 1..128 characters, no whitespace or control characters)
 * @param idempotencyKey the {@code Idempotency-Key} header when sent, else the trace_id
 * @param decision       always {@code workflow}
 * @param payload        {@code data.payload}, non-empty (do not modify)
 * @param body           the whole request body as parsed (do not modify); its fingerprint is
 *                       {@link org.bhiv.executor.idempotency.Attempt#fingerprint}
 * @param traceparent    the request's W3C {@code traceparent} header, {@code null} when absent
 *                       (the integration events continue the caller's trace with it)
 */
public record WorkflowRequest(String traceId, String idempotencyKey, String decision, ObjectNode payload,
                              ObjectNode body, String traceparent) {

    public WorkflowRequest {
        if (traceId == null || traceId.isBlank() || idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("trace_id and idempotency key are required");
        }
        if (!"workflow".equals(decision)) {
            throw new IllegalArgumentException("Only decision 'workflow' is executed, was " + decision);
        }
        if (payload == null || payload.isEmpty()) {
            throw new IllegalArgumentException("A workflow request needs a non-empty payload");
        }
    }

    /** @return the payload's {@code action_type} as sent, or {@code null} when it is not a string */
    public String actionType() {
        var node = payload.get("action_type");
        return node != null && node.isTextual() ? node.textValue() : null;
    }
}

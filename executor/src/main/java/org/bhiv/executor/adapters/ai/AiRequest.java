package org.bhiv.executor.adapters.ai;

/**
 * A validated AI request.
 *
 * @param traceId   the decision's trace_id
 * @param requestId the deterministic {@code ai_} identifier
 * @param prompt    the prompt
 */
public record AiRequest(String traceId, String requestId, String prompt) {
}

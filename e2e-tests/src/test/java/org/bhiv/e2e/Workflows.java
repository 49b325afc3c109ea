package org.bhiv.e2e;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Requests and look-ups the end-to-end tests make across the stack, in the wire shapes of the
 * contracts.
 */
final class Workflows {

    private final Stack stack;

    Workflows(Stack stack) {
        this.stack = stack;
    }

    /** A task workflow sent straight to the executor as Core would send it. */
    Http.Answer executeTask(String traceId, String userId) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("action_type", "task");
        payload.put("user_id", userId);
        payload.put("title", "Review " + traceId);
        return execute(traceId, payload);
    }

    Http.Answer execute(String traceId, Map<String, Object> payload) {
        return execute(stack.url(StackService.EXECUTOR), traceId, payload);
    }

    static Http.Answer execute(String executorUrl, String traceId, Map<String, Object> payload) {
        Map<String, Object> body = Map.of(
                "trace_id", traceId,
                "decision", "workflow",
                "data", Map.of("workflow_type", "workflow", "payload", payload));
        return Http.post(executorUrl + "/api/workflow/execute", Stack.CORE_TOKEN, body);
    }

    /** Core's answer to a user request. */
    Http.Answer handleTask(String input, String userId) {
        return Http.post(stack.url(StackService.CORE) + "/handle_task", Stack.OPERATOR_TOKEN,
                Map.of("agent", "edumentor_agent", "input", input, "user_id", userId));
    }

    /** Bucket events of one trace, read with the operator's READ right. */
    List<JsonNode> bucketEvents(String traceId) {
        Http.Answer answer = Http.get(stack.url(StackService.BUCKET) + "/core/events?limit=1000&trace_id=" + traceId,
                Stack.OPERATOR_TOKEN);
        if (answer.status() != 200) {
            throw new AssertionError("Bucket /core/events answered " + answer.status() + ": " + answer.body());
        }
        return list(answer.json().path("events"));
    }

    /** Bucket events of one type (last 1000). */
    List<JsonNode> bucketEventsOfType(String eventType) {
        Http.Answer answer = Http.get(stack.url(StackService.BUCKET) + "/core/events?limit=1000&event_type=" + eventType,
                Stack.OPERATOR_TOKEN);
        return list(answer.json().path("events"));
    }

    long bucketCount(String traceId, String eventType) {
        return bucketEvents(traceId).stream().filter(e -> eventType.equals(e.path("event_type").asText())).count();
    }

    /** Karma's recent events of a user that carry this trace_id. */
    long karmaCount(String userId, String traceId) {
        Http.Answer answer = Http.get(stack.url(StackService.KARMA) + "/api/v1/karma/" + userId, Stack.OPERATOR_TOKEN);
        if (answer.status() == 404) {
            return 0;
        }
        return list(answer.json().path("recent_events")).stream()
                .filter(e -> traceId.equals(e.path("trace_id").asText()))
                .count();
    }

    /** The executor's record of one decision. */
    Http.Answer execution(String traceId) {
        return Http.get(stack.url(StackService.EXECUTOR) + "/api/workflow/executions/" + traceId, Stack.OPERATOR_TOKEN);
    }

    JsonNode executorHealth() {
        return Http.get(stack.url(StackService.EXECUTOR) + "/healthz", null).json();
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}

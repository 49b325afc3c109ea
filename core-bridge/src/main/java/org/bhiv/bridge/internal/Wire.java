package org.bhiv.bridge.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.bhiv.bridge.ExecutorProblem;
import org.bhiv.bridge.WorkflowOutcome.ExecutionStatus;

/**
 * The executor's wire format (contracts 3.1): the request body the bridge sends, the local
 * checks that refuse a call before anything is sent, and the parsing of answers.
 */
final class Wire {

    /** The executor's limit on a trace id. */
    static final int MAX_TRACE_ID_LENGTH = 128;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Wire() {
    }

    /**
     * What is wrong with the arguments of a call, in the executor's terms; empty when nothing.
     *
     * @param traceId    the trace id
     * @param actionType the action type
     * @return the invalid fields
     */
    static List<ExecutorProblem.FieldError> invalidFields(String traceId, String actionType) {
        var errors = new ArrayList<ExecutorProblem.FieldError>();
        if (traceId == null || traceId.isEmpty()) {
            errors.add(new ExecutorProblem.FieldError("trace_id", "is required"));
        } else if (traceId.length() > MAX_TRACE_ID_LENGTH) {
            errors.add(new ExecutorProblem.FieldError("trace_id", "must be at most " + MAX_TRACE_ID_LENGTH + " characters"));
        } else if (traceId.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c))) {
            errors.add(new ExecutorProblem.FieldError("trace_id", "must not contain whitespace or control characters"));
        }
        if (actionType == null || actionType.isBlank()) {
            errors.add(new ExecutorProblem.FieldError("data.payload.action_type", "is required"));
        }
        return errors;
    }

    /**
     * The problem of a local refusal.
     *
     * @param traceId the trace id, may be null
     * @param errors  the invalid fields
     * @return a 422 {@code invalid_workflow_request} problem
     */
    static ExecutorProblem localRefusal(String traceId, List<ExecutorProblem.FieldError> errors) {
        String code = "invalid_workflow_request";
        return new ExecutorProblem("urn:bhiv:problem:" + code, "The bridge refused this workflow before sending it.",
                422, code, code, traceId, errors);
    }

    /**
     * The body of {@code POST /api/workflow/execute}.
     *
     * @param traceId    the trace id
     * @param actionType the action type
     * @param payload    the adapter fields, may be null
     * @param userId     the user, may be null
     * @return the JSON bytes
     * @throws JsonProcessingException when the payload cannot be written as JSON
     */
    static byte[] executeBody(String traceId, String actionType, Map<String, ?> payload, String userId)
            throws JsonProcessingException {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (payload != null) {
            payload.forEach((key, value) -> fields.put(String.valueOf(key), value));
        }
        fields.put("action_type", actionType.strip());
        if (userId != null && !userId.isBlank()) {
            fields.put("user_id", userId);
        } else {
            fields.remove("user_id");
        }
        fields.put("trace_id", traceId);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("workflow_type", "workflow");
        data.put("payload", fields);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("trace_id", traceId);
        body.put("decision", "workflow");
        body.put("data", data);
        return MAPPER.writeValueAsBytes(body);
    }

    /**
     * A 2xx answer: {@code {"trace_id", "status", "execution_result"?, "reason"?}}.
     *
     * @param body the answer's bytes
     * @return the parsed answer
     * @throws IOException when it is not such an object
     */
    static Answer answer(byte[] body) throws IOException {
        JsonNode node = MAPPER.readTree(body);
        if (node == null || !node.isObject()) {
            throw new IOException("the answer is not a JSON object");
        }
        ExecutionStatus status = ExecutionStatus.fromWire(node.path("status").asText(null));
        if (status == null) {
            throw new IOException("the answer has no status success, failed or skipped");
        }
        JsonNode result = node.get("execution_result");
        Map<String, Object> executionResult = result != null && result.isObject()
                ? MAPPER.convertValue(result, MAPPER.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Object.class))
                : Map.of();
        return new Answer(status, executionResult, node.path("reason").asText(null));
    }

    /**
     * A 4xx answer as a problem; a body that is not a problem still gives one with the status.
     *
     * @param status the HTTP status
     * @param body   the answer's bytes
     * @return the problem
     */
    static ExecutorProblem problem(int status, byte[] body) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            return new ExecutorProblem(null, "The executor answered " + status + " without a problem body.",
                    status, null, null, null, List.of());
        }
        var errors = new ArrayList<ExecutorProblem.FieldError>();
        JsonNode list = node.path("errors");
        for (JsonNode error : list.isArray() ? list : MissingNode.getInstance()) {
            errors.add(new ExecutorProblem.FieldError(error.path("field").asText(null), error.path("message").asText(null)));
        }
        return new ExecutorProblem(text(node, "type"), text(node, "title"), node.path("status").asInt(status),
                text(node, "detail"), text(node, "error_code"), text(node, "trace_id"), errors);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /**
     * A parsed 2xx answer.
     *
     * @param status          the verdict
     * @param executionResult the execution result, empty when skipped
     * @param reason          the reason when skipped
     */
    record Answer(ExecutionStatus status, Map<String, Object> executionResult, String reason) {
    }
}

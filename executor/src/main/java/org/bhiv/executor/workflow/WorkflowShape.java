package org.bhiv.executor.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.server.FieldError;
import org.bhiv.server.Problem;
import org.bhiv.server.ProblemException;
import org.bhiv.server.TextRules;

/**
 * A request body whose shape is valid (section 3.1 step 2). {@link #check} reports every
 * invalid field at once in one 422: the problem's {@code error_code} (and {@code detail}) is
 * the code of the first invalid field in the order {@code trace_id}, {@code decision},
 * {@code data}, {@code data.workflow_type}, {@code data.payload}, {@code data.payload.trace_id},
 * {@code data.payload.user_id}, {@code data.payload.product}, {@code data.payload.role},
 * {@code Idempotency-Key}; {@code error_codes} lists the code of each entry of {@code errors}.
 * The payload fields that the integration events carry ({@code user_id}, {@code product},
 * {@code role}) are checked here, so an executed action never yields an event Bucket or Karma
 * must refuse.
 *
 * @param traceId        the valid trace_id
 * @param decision       one of the five decisions
 * @param idempotencyKey the {@code Idempotency-Key} header when sent, else the trace_id
 * @param payload        {@code data.payload}, or {@code null} when absent
 */
public record WorkflowShape(String traceId, String decision, String idempotencyKey, ObjectNode payload) {

    /** The decisions a request may name. */
    public static final List<String> DECISIONS = List.of("respond", "task", "workflow", "insight", "fallback");
    /** Longest trace_id and Idempotency-Key. */
    public static final int MAX_ID_LENGTH = 128;
    /** Longest {@code payload.user_id} and {@code payload.product}. */
    public static final int MAX_PAYLOAD_TEXT = 128;
    /** The Karma roles a {@code payload.role} may name. */
    public static final List<String> ROLES = List.of("learner", "volunteer", "seva", "guru");
    /** The header that overrides the trace_id as idempotency key. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /**
     * @param body              the request body
     * @param idempotencyHeader the {@code Idempotency-Key} header, if sent
     * @return the valid shape
     * @throws ProblemException 422 listing every invalid field
     */
    public static WorkflowShape check(ObjectNode body, Optional<String> idempotencyHeader) {
        var errors = new ArrayList<FieldError>();
        var codes = new ArrayList<String>();
        String traceId = text(body.get("trace_id"));
        if (!validTraceId(traceId)) {
            add(errors, codes, "trace_id", "invalid_trace_id",
                    "must be a string of 1 to 128 characters without whitespace, control characters or unpaired surrogates");
            traceId = null;
        }
        String decision = text(body.get("decision"));
        if (decision == null || !DECISIONS.contains(decision)) {
            add(errors, codes, "decision", "invalid_decision", "must be one of " + String.join(", ", DECISIONS));
        }
        ObjectNode payload = checkData(body.get("data"), traceId, "workflow".equals(decision), errors, codes);
        if (idempotencyHeader.isPresent() && !validIdempotencyKey(idempotencyHeader.get())) {
            add(errors, codes, IDEMPOTENCY_KEY, "invalid_idempotency_key",
                    "must be 1 to 128 printable ASCII characters");
        }
        if (!errors.isEmpty()) {
            Problem problem = Problem.of(422, codes.get(0), "The request has invalid fields.")
                    .withErrors(errors).with("error_codes", List.copyOf(codes));
            throw ProblemException.of(traceId == null ? problem : problem.withTraceId(traceId));
        }
        return new WorkflowShape(traceId, decision, idempotencyHeader.orElse(traceId), payload);
    }

    /** @return whether this decision is executed ({@code workflow}); any other is skipped */
    public boolean executes() {
        return "workflow".equals(decision);
    }

    /** @return {@code payload.action_type} as sent, {@code null} when absent or not a string */
    public String actionType() {
        return payload == null ? null : text(payload.get("action_type"));
    }

    /** @return {@code payload.user_id} as validated, {@code null} when absent */
    public String userId() {
        return payload == null ? null : text(payload.get("user_id"));
    }

    /** @return {@code payload.product} as validated, {@code null} when absent */
    public String product() {
        return payload == null ? null : text(payload.get("product"));
    }

    /** @return {@code payload.role} as validated, {@code null} when absent */
    public String role() {
        return payload == null ? null : text(payload.get("role"));
    }

    private static ObjectNode checkData(JsonNode data, String traceId, boolean executes, List<FieldError> errors,
                                        List<String> codes) {
        if (data == null || data.isNull()) {
            return null;
        }
        if (!data.isObject()) {
            add(errors, codes, "data", "invalid_workflow_data", "must be an object");
            return null;
        }
        if (!"workflow".equals(text(data.get("workflow_type")))) {
            add(errors, codes, "data.workflow_type", "invalid_workflow_data", "must be \"workflow\"");
        }
        JsonNode payload = data.get("payload");
        if (payload == null || payload.isNull()) {
            return null;
        }
        if (!payload.isObject()) {
            add(errors, codes, "data.payload", "invalid_workflow_data", "must be an object");
            return null;
        }
        JsonNode claimed = payload.get("trace_id");
        if (claimed != null && !claimed.isNull() && traceId != null && !traceId.equals(text(claimed))) {
            add(errors, codes, "data.payload.trace_id", "trace_id_mismatch",
                    "must equal the top-level trace_id when present");
        }
        if (executes) {
            // Only an executed workflow yields events; a skipped decision answers 200 whatever these hold.
            checkText(payload.get("user_id"), "data.payload.user_id", "invalid_user_id", errors, codes);
            checkText(payload.get("product"), "data.payload.product", "invalid_product", errors, codes);
            JsonNode role = payload.get("role");
            if (role != null && !role.isNull() && !(role.isTextual() && ROLES.contains(role.textValue()))) {
                add(errors, codes, "data.payload.role", "invalid_role", "must be one of " + String.join(", ", ROLES));
            }
        }
        return (ObjectNode) payload;
    }

    /** An optional text field: absent or null is fine, else a printable string of 1..128 characters. */
    private static void checkText(JsonNode value, String field, String code, List<FieldError> errors, List<String> codes) {
        if (value != null && !value.isNull() && !validText(text(value))) {
            add(errors, codes, field, code, "must be a string of 1 to " + MAX_PAYLOAD_TEXT
                    + " characters, not blank, without control or format characters or unpaired surrogates");
        }
    }

    static boolean validTraceId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return false;
        }
        return id.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || TextRules.unprintable(c));
    }

    static boolean validText(String text) {
        return text != null && !text.isBlank() && text.length() <= MAX_PAYLOAD_TEXT
                && text.codePoints().noneMatch(TextRules::unprintable);
    }

    static boolean validIdempotencyKey(String key) {
        return !key.isEmpty() && key.length() <= MAX_ID_LENGTH && key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    private static void add(List<FieldError> errors, List<String> codes, String field, String code, String message) {
        errors.add(new FieldError(field, message));
        codes.add(code);
    }
}

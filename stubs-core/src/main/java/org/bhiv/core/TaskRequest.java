package org.bhiv.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.server.FieldError;
import org.bhiv.server.ProblemException;
import org.bhiv.server.TextRules;

/**
 * The body of {@code POST /handle_task}: {@code {"agent", "input", "input_type"?, "user_id"?, "tags"?}}.
 *
 * @param agent     the agent asked, e.g. {@code edumentor_agent}
 * @param input     what the user asked
 * @param inputType the kind of input, {@code text} when absent
 * @param userId    the user, {@code null} when absent
 * @param tags      free tags, empty when absent
 */
record TaskRequest(String agent, String input, String inputType, String userId, List<String> tags) {

    static final int MAX_AGENT = 64;
    static final int MAX_INPUT = 4000;
    static final int MAX_INPUT_TYPE = 32;
    static final int MAX_USER_ID = 128;
    static final int MAX_TAGS = 20;
    static final int MAX_TAG = 64;
    private static final Pattern AGENT = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_AGENT + "}");

    TaskRequest {
        tags = List.copyOf(tags);
    }

    /**
     * Validates a body, naming every invalid field at once.
     *
     * @param body the JSON object
     * @return the request
     * @throws ProblemException 422 {@code invalid_task_request}
     */
    static TaskRequest from(ObjectNode body) {
        var errors = new ArrayList<FieldError>();
        String agent = requiredText(body, "agent", errors);
        if (agent != null && !AGENT.matcher(agent).matches()) {
            errors.add(new FieldError("agent", "must be 1 to " + MAX_AGENT + " letters, digits, '_', '.' or '-'"));
        }
        String input = requiredText(body, "input", errors);
        if (input != null && input.length() > MAX_INPUT) {
            errors.add(new FieldError("input", "must be at most " + MAX_INPUT + " characters"));
        }
        String inputType = optionalText(body, "input_type", MAX_INPUT_TYPE, errors);
        String userId = optionalText(body, "user_id", MAX_USER_ID, errors);
        List<String> tags = tags(body.get("tags"), errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields("invalid_task_request", errors);
        }
        return new TaskRequest(agent, input.strip(), inputType == null ? "text" : inputType, userId, tags);
    }

    private static String requiredText(ObjectNode body, String field, List<FieldError> errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            errors.add(new FieldError(field, "must be a non-empty string"));
            return null;
        }
        return value.asText();
    }

    private static String optionalText(ObjectNode body, String field, int max, List<FieldError> errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > max
                || !TextRules.printable(value.asText())) {
            // The executor refuses the same in user_id: Core refuses it first, where the user sees it.
            errors.add(new FieldError(field, "must be a non-empty string of at most " + max
                    + " characters without control, format or line-separator characters"));
            return null;
        }
        return value.asText().strip();
    }

    private static List<String> tags(JsonNode value, List<FieldError> errors) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || value.size() > MAX_TAGS) {
            errors.add(new FieldError("tags", "must be an array of at most " + MAX_TAGS + " strings"));
            return List.of();
        }
        var tags = new ArrayList<String>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode tag = value.get(i);
            if (!tag.isTextual() || tag.asText().isBlank() || tag.asText().length() > MAX_TAG) {
                errors.add(new FieldError("tags[" + i + "]", "must be a non-empty string of at most " + MAX_TAG + " characters"));
            } else {
                tags.add(tag.asText());
            }
        }
        return tags;
    }
}

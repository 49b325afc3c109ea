package org.bhiv.bucket.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.server.FieldError;
import org.bhiv.server.Json;
import org.bhiv.server.Problem;
import org.bhiv.server.ProblemException;

/**
 * The body of {@code POST /core/write-event}: {@code {"requester_id", "event_data": {...}}}.
 *
 * @param requesterId the identity the body claims, {@code null} when absent
 * @param eventData   the event
 */
record WriteRequest(String requesterId, ObjectNode eventData) {

    /** Members of event_data that filters and dedup rely on: strings when present. */
    private static final List<String> TEXT_MEMBERS = List.of("event_id", "event_type", "trace_id", "agent_id");
    private static final int MAX_TEXT = 256;

    /**
     * Validates the body, reporting every invalid field at once.
     *
     * @param body          the body
     * @param maxEventBytes largest event_data as compact JSON
     * @return the request
     * @throws ProblemException 422 {@code invalid_event} or 413 {@code event_too_large}
     */
    static WriteRequest parse(ObjectNode body, int maxEventBytes) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode requester = body.get("requester_id");
        if (requester != null && !requester.isNull() && (!requester.isTextual() || requester.asText().isBlank())) {
            errors.add(new FieldError("requester_id", "must be a non-empty string"));
        }
        JsonNode data = body.get("event_data");
        if (!(data instanceof ObjectNode eventData)) {
            errors.add(new FieldError("event_data", "is required and must be a JSON object"));
            throw ProblemException.invalidFields("invalid_event", errors);
        }
        for (String member : TEXT_MEMBERS) {
            JsonNode value = eventData.get(member);
            // Present means a string: an explicit null would be a record without an id that
            // filters and dedup silently skip.
            if (value != null
                    && (!value.isTextual() || value.asText().isBlank() || value.asText().length() > MAX_TEXT)) {
                errors.add(new FieldError("event_data." + member, "must be a non-empty string of at most " + MAX_TEXT + " characters"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields("invalid_event", errors);
        }
        if (size(eventData) > maxEventBytes) {
            throw ProblemException.of(Problem.of(413, "event_too_large", "event_data is larger than "
                    + maxEventBytes + " bytes.").withErrors(List.of(new FieldError("event_data",
                    "must be at most " + maxEventBytes + " bytes as compact JSON"))));
        }
        return new WriteRequest(requester == null || requester.isNull() ? null : requester.asText(), eventData);
    }

    private static long size(ObjectNode eventData) {
        try {
            return Json.mapper().writeValueAsString(eventData).getBytes(StandardCharsets.UTF_8).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

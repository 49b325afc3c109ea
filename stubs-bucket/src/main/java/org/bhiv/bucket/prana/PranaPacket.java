package org.bhiv.bucket.prana;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.server.FieldError;
import org.bhiv.server.ProblemException;

/**
 * Validation of one PRANA telemetry packet (a 5-second window of a learner's or employee's
 * attention). Every invalid field is reported at once.
 */
final class PranaPacket {

    static final Set<String> SYSTEM_TYPES = Set.of("gurukul", "ems");
    static final Set<String> ROLES = Set.of("student", "employee");
    private static final int MAX_TEXT = 256;

    private PranaPacket() {
    }

    /**
     * @param body the packet
     * @return the packet, unchanged, once valid
     * @throws ProblemException 422 {@code invalid_packet} listing every invalid field
     */
    static ObjectNode validate(ObjectNode body) {
        List<FieldError> errors = new ArrayList<>();
        text(body, "user_id", true, errors);
        text(body, "session_id", true, errors);
        text(body, "lesson_id", false, errors);
        text(body, "task_id", false, errors);
        text(body, "cognitive_state", true, errors);
        oneOf(body, "system_type", SYSTEM_TYPES, errors);
        oneOf(body, "role", ROLES, errors);
        timestamp(body, errors);
        for (String field : List.of("active_seconds", "idle_seconds", "away_seconds")) {
            number(body, field, 0, Double.MAX_VALUE, "a number >= 0", errors);
        }
        number(body, "focus_score", 0, 100, "a number from 0 to 100", errors);
        if (!(body.get("raw_signals") instanceof ObjectNode)) {
            errors.add(new FieldError("raw_signals", "is required and must be a JSON object"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields("invalid_packet", errors);
        }
        return body;
    }

    private static void text(ObjectNode body, String field, boolean required, List<FieldError> errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
        } else if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > MAX_TEXT) {
            errors.add(new FieldError(field, "must be a non-empty string of at most " + MAX_TEXT + " characters"));
        }
    }

    private static void oneOf(ObjectNode body, String field, Set<String> allowed, List<FieldError> errors) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || !allowed.contains(value.asText())) {
            errors.add(new FieldError(field, "must be one of " + allowed.stream().sorted().toList()));
        }
    }

    private static void number(ObjectNode body, String field, double min, double max, String expected,
                               List<FieldError> errors) {
        JsonNode value = body.get(field);
        if (value == null || !value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
            errors.add(new FieldError(field, "must be " + expected));
        }
    }

    private static void timestamp(ObjectNode body, List<FieldError> errors) {
        JsonNode value = body.get("timestamp");
        try {
            if (value == null || !value.isTextual()) {
                throw new DateTimeParseException("not text", "", 0);
            }
            OffsetDateTime.parse(value.asText());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("timestamp", "must be an ISO-8601 date-time with offset, e.g. 2026-01-31T10:15:30Z"));
        }
    }
}

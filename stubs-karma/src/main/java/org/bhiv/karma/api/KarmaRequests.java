package org.bhiv.karma.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.ServerRequest;
import org.bhiv.karma.ledger.KarmaEntry;
import org.bhiv.karma.rules.Action;
import org.bhiv.karma.rules.Role;
import org.bhiv.server.FieldError;
import org.bhiv.server.Json;
import org.bhiv.server.Problem;
import org.bhiv.server.ProblemException;
import org.bhiv.server.auth.AccessPolicy;
import org.bhiv.server.auth.Caller;

/**
 * Validation of Karma's request bodies, reporting every invalid field at once with its path
 * ({@code data.action}, {@code user_id}, ...).
 */
final class KarmaRequests {

    static final String LIFE_EVENT = "life_event";
    static final String STATS_REQUEST = "stats_request";
    private static final int MAX_TEXT = 256;

    private KarmaRequests() {
    }

    /**
     * A body may name its {@code requester_id} (the original's clients did); it must then be the
     * proven identity (section 2), else 403 {@code requester_mismatch}.
     *
     * @param req     the request
     * @param body    its body
     * @param policy  who may do the operation
     * @param checked the identity the policy already let in
     * @return the identity the operation is done as
     */
    static String requester(ServerRequest req, ObjectNode body, AccessPolicy policy, String checked) {
        JsonNode claimed = body.get("requester_id");
        if (claimed == null || claimed.isNull()) {
            return checked;
        }
        return Caller.of(req).requireRequester(claimed.asText(), policy.allowed());
    }

    /**
     * @param body a {@code /v1/event/} body
     * @return its type, {@code life_event} or {@code stats_request}
     * @throws ProblemException 422 when {@code type} is missing (absent, null or blank), 400
     *                          {@code invalid_event_type} for any other value, a non-string included
     */
    static String type(ObjectNode body) {
        JsonNode type = body.get("type");
        if (type == null || type.isNull() || type.isTextual() && type.asText().isBlank()) {
            throw ProblemException.invalidFields("invalid_event", List.of(new FieldError("type", "is required")));
        }
        if (!type.isTextual() || !type.asText().equals(LIFE_EVENT) && !type.asText().equals(STATS_REQUEST)) {
            throw ProblemException.of(Problem.of(400, "invalid_event_type", "Invalid event type")
                    .withErrors(List.of(new FieldError("type", "must be one of [life_event, stats_request]"))));
        }
        return type.asText();
    }

    /**
     * @param body a {@code /v1/event/} body
     * @return its {@code data} object, with what is wrong outside it ({@code timestamp}, {@code source})
     * @throws ProblemException 422 when {@code data} is not an object
     */
    static Envelope envelope(ObjectNode body) {
        List<FieldError> errors = new ArrayList<>();
        optionalTimestamp(body, "timestamp", errors);
        optionalText(body, "source", "source", errors);
        if (!(body.get("data") instanceof ObjectNode data)) {
            errors.add(new FieldError("data", "is required and must be a JSON object"));
            throw ProblemException.invalidFields("invalid_event", errors);
        }
        return new Envelope(data, errors);
    }

    /**
     * @param data   the event's data object
     * @param errors invalid fields found outside {@code data}, reported together with those inside
     */
    record Envelope(ObjectNode data, List<FieldError> errors) {
    }

    /**
     * @param fields  the object holding user_id, action, role, metadata, context
     * @param prefix  path prefix for error fields ({@code "data."} or {@code ""})
     * @param source  the body's {@code source}, may be {@code null}
     * @param caller  the caller's identity, the source when nothing else names one
     * @param found   invalid fields already found elsewhere in the body
     * @return the entry to apply
     * @throws ProblemException 422 listing every invalid field
     */
    static KarmaEntry entry(ObjectNode fields, String prefix, String source, String caller, List<FieldError> found) {
        List<FieldError> errors = new ArrayList<>(found);
        String userId = requiredText(fields, "user_id", prefix, errors);
        Action action = enumValue(fields, "action", prefix, Action.names(), errors) ? Action.parse(fields.get("action").asText()).orElseThrow() : null;
        Role role = enumValue(fields, "role", prefix, Role.names(), errors) ? Role.parse(fields.get("role").asText()).orElseThrow() : null;
        optionalText(fields, "note", prefix + "note", errors);
        JsonNode metadata = fields.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            errors.add(new FieldError(prefix + "metadata", "must be a JSON object"));
        } else if (metadata != null && metadata.isObject()) {
            optionalText((ObjectNode) metadata, "event_id", prefix + "metadata.event_id", errors);
        }
        JsonNode context = fields.get("context");
        if (context != null && !context.isNull() && !context.isTextual() && !context.isObject()) {
            errors.add(new FieldError(prefix + "context", "must be a string or a JSON object"));
        }
        JsonNode intensity = fields.get("intensity");
        if (intensity != null && !intensity.isNull() && (!intensity.isNumber() || intensity.asDouble() <= 0 || intensity.asDouble() > 10)) {
            errors.add(new FieldError(prefix + "intensity", "must be a number above 0 and at most 10"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields("invalid_event", errors);
        }
        String metaSource = metadata != null ? metadata.path("source").asText(null) : null;
        return new KarmaEntry(metadata != null ? metadata.path("event_id").asText(null) : null, userId, action, role,
                traceId(metadata, context), source != null ? source : metaSource != null ? metaSource : caller, caller);
    }

    /**
     * Refuses an action the caller's identity may not send ({@code karma.governance.actions}).
     *
     * @param config the policy
     * @param entry  the entry to apply, with its writer
     * @param field  the action's path in the body, for the error
     * @throws ProblemException 403 {@code action_not_allowed} naming the action
     */
    static void requireAllowedAction(org.bhiv.karma.KarmaConfig config, KarmaEntry entry, String field) {
        if (!config.mayApply(entry.writer(), entry.action())) {
            throw ProblemException.of(Problem.of(403, "action_not_allowed", entry.writer() + " may not send the action "
                    + entry.action().wire() + ".").withErrors(List.of(new FieldError(field,
                    entry.action().wire() + " is not among the actions allowed for " + entry.writer()))));
        }
    }

    /**
     * @param envelope a stats_request's data and the errors found around it
     * @return the user asked about
     */
    static String statsUser(Envelope envelope) {
        List<FieldError> errors = new ArrayList<>(envelope.errors());
        String userId = requiredText(envelope.data(), "user_id", "data.", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalidFields("invalid_event", errors);
        }
        return userId;
    }

    /** trace_id from metadata, else from context (an object, or a string holding JSON as the executor sends it). */
    private static String traceId(JsonNode metadata, JsonNode context) {
        if (metadata != null && metadata.path("trace_id").isTextual()) {
            return metadata.get("trace_id").asText();
        }
        JsonNode ctx = context;
        if (context != null && context.isTextual()) {
            try {
                ctx = Json.mapper().readTree(context.asText());
            } catch (JsonProcessingException e) {
                return null;
            }
        }
        return ctx != null && ctx.path("trace_id").isTextual() ? ctx.get("trace_id").asText() : null;
    }

    private static String requiredText(ObjectNode node, String field, String prefix, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank() || value.asText().length() > MAX_TEXT) {
            errors.add(new FieldError(prefix + field, "is required: a non-empty string of at most " + MAX_TEXT + " characters"));
            return null;
        }
        return value.asText();
    }

    private static boolean enumValue(ObjectNode node, String field, String prefix, List<String> allowed, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || !allowed.contains(value.asText())) {
            errors.add(new FieldError(prefix + field, "must be one of " + allowed));
            return false;
        }
        return true;
    }

    private static void optionalText(ObjectNode node, String field, String path, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value != null && !value.isNull() && (!value.isTextual() || value.asText().isBlank())) {
            errors.add(new FieldError(path, "must be a non-empty string"));
        }
    }

    private static void optionalTimestamp(ObjectNode node, String field, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isTextual() || !IsoTimestamp.valid(value.asText())) {
            errors.add(new FieldError(field, "must be an ISO-8601 date-time with offset, e.g. 2026-01-31T10:15:30Z"));
        }
    }
}

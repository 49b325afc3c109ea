package org.bhiv.executor.outbox;

import java.time.format.DateTimeFormatter;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.executor.execution.Execution;
import org.bhiv.server.Hashing;
import org.bhiv.server.Json;

/**
 * Builds the Bucket and Karma events of a completed execution (CONTRACTS section 4), field for
 * field, with content redacted ({@link Redaction}).
 */
public final class IntegrationEvents {

    /** The executor's identity, as it names itself in events. */
    public static final String SOURCE = "workflow_executor";

    /** Largest redacted {@code execution_result} sent as is (characters of JSON). */
    static final int MAX_RESULT_CHARS = 48 * 1024;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private IntegrationEvents() {
    }

    /**
     * @param execution a completed execution
     * @param redaction how content is hidden in the Bucket event
     * @return its Bucket event, then its Karma event
     */
    public static List<OutboxEvent> of(Execution execution, Redaction redaction) {
        return List.of(event(execution, Sink.BUCKET, bucketBody(execution, redaction)),
                event(execution, Sink.KARMA, karmaBody(execution)));
    }

    /**
     * The event id: {@code evt_} + the first 32 hex of SHA-256 over
     * {@code "bhiv-event-v2" NUL sink NUL trace_id NUL execution_id}. It is fixed when the
     * execution is stored, so every redelivery of that execution carries the same id and a
     * receiver drops the duplicates; every execution has its own ids (a retry after a retryable
     * failure, or another {@code Idempotency-Key} for the same trace_id, is a new execution whose
     * events must not be taken for redeliveries of the first).
     *
     * @param traceId     the trace_id
     * @param executionId the store's id of the execution
     * @param sink        the sink
     * @return the id
     */
    public static String eventId(String traceId, String executionId, Sink sink) {
        return "evt_" + Hashing.sha256Hex("bhiv-event-v2\0" + sink.wireName() + "\0" + traceId + "\0" + executionId)
                .substring(0, 32);
    }

    /**
     * @param e         a completed execution
     * @param redaction how content is hidden
     * @return {@code {"requester_id": "workflow_executor", "event_data": {...}}}
     */
    public static ObjectNode bucketBody(Execution e, Redaction redaction) {
        ObjectNode data = NODES.objectNode()
                .put("event_id", eventId(e.traceId(), e.executionId(), Sink.BUCKET))
                .put("event_type", "workflow_execution")
                .put("trace_id", e.traceId())
                .put("action_type", actionType(e))
                .put("status", e.status())
                .put("product", orDefault(e.product(), "unknown"))
                .put("user_id", orDefault(e.userId(), "system"));
        data.set("execution_result", bounded(redaction.redact(e.result())));
        data.put("duration_ms", e.durationMs())
                .put("timestamp", timestamp(e));
        ObjectNode body = NODES.objectNode().put("requester_id", SOURCE);
        body.set("event_data", data);
        return body;
    }

    /**
     * @param e a completed execution
     * @return {@code {"type": "life_event", "data": {...}, "timestamp", "source"}}
     */
    public static ObjectNode karmaBody(Execution e) {
        String actionType = actionType(e);
        ObjectNode context = NODES.objectNode()
                .put("trace_id", e.traceId())
                .put("action_type", actionType)
                .put("status", e.status())
                .put("source", SOURCE);
        ObjectNode metadata = NODES.objectNode()
                .put("event_id", eventId(e.traceId(), e.executionId(), Sink.KARMA))
                .put("trace_id", e.traceId())
                .put("action_type", actionType)
                .put("status", e.status())
                .put("source", SOURCE);
        ObjectNode data = NODES.objectNode()
                .put("user_id", orDefault(e.userId(), "system"))
                .put("action", e.success() ? "workflow_success" : "workflow_failed")
                .put("role", orDefault(e.role(), "learner"))
                .put("note", "Workflow execution: " + actionType)
                .put("context", write(context));
        data.set("metadata", metadata);
        ObjectNode body = NODES.objectNode().put("type", "life_event");
        body.set("data", data);
        return body.put("timestamp", timestamp(e)).put("source", SOURCE);
    }

    /**
     * Bucket accepts {@code event_data} up to 64 KiB. A redacted result larger than
     * {@link #MAX_RESULT_CHARS} (a long task description, say) is replaced by its digest plus its
     * short top-level identifiers and codes, so the event is still accepted and still links to the execution.
     */
    static JsonNode bounded(JsonNode result) {
        String json = result.toString();
        if (json.length() <= MAX_RESULT_CHARS) {
            return result;
        }
        ObjectNode summary = NODES.objectNode()
                .put("truncated", true)
                .put("sha256", Hashing.sha256Hex(json))
                .put("length", json.length());
        result.properties().forEach(field -> {
            JsonNode v = field.getValue();
            if ((v.isValueNode() && v.asText().length() <= 256) && !summary.has(field.getKey())) {
                summary.set(field.getKey(), v);
            }
        });
        return summary;
    }

    private static OutboxEvent event(Execution e, Sink sink, ObjectNode body) {
        String eventId = eventId(e.traceId(), e.executionId(), sink);
        return new OutboxEvent(eventId, sink, e.executionId(), e.traceId(),
                Traceparent.forEvent(e.traceparent(), e.traceId(), eventId), write(body));
    }

    private static String actionType(Execution e) {
        return orDefault(e.actionType().recorded(), "unknown");
    }

    private static String timestamp(Execution e) {
        return DateTimeFormatter.ISO_INSTANT.format(e.finishedAt());
    }

    private static String orDefault(String value, String defaultValue) {
        return value == null || value.isBlank() ? defaultValue : value;
    }

    private static String write(ObjectNode node) {
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of JSON nodes always serialises", e);
        }
    }
}

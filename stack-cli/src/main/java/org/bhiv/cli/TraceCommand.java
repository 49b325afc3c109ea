package org.bhiv.cli;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code bin/stack trace <trace_id>}: one decision through every pillar as one timeline - Core's
 * {@code agent_result}, the executor's executions and the delivery of their events, Bucket's
 * records (seq and hash) and Karma's event - read with the operator's token.
 */
final class TraceCommand {

    private final StackEndpoints stack;
    private final StackHttp http;

    TraceCommand(StackEndpoints stack, StackHttp http) {
        this.stack = stack;
        this.http = http;
    }

    ExitCode run(String traceId, PrintStream out) {
        Timeline timeline = new Timeline();
        boolean unreachable = false;
        String userId = null;
        try {
            userId = bucket(traceId, timeline);
        } catch (StackHttp.Unreachable e) {
            timeline.note("Bucket: " + e.getMessage());
            unreachable = true;
        }
        try {
            executor(traceId, timeline);
        } catch (StackHttp.Unreachable e) {
            timeline.note("executor: " + e.getMessage());
            unreachable = true;
        }
        if (userId != null) {
            try {
                karma(traceId, userId, timeline);
            } catch (StackHttp.Unreachable e) {
                timeline.note("Karma: " + e.getMessage());
                unreachable = true;
            }
        }
        out.print(timeline.render(traceId));
        if (unreachable) {
            return ExitCode.UNREACHABLE;
        }
        return timeline.isEmpty() ? ExitCode.NOT_OK : ExitCode.OK;
    }

    /** Bucket's records of the trace, and Core's decision from its agent_result; returns the user_id of the workflow event. */
    private String bucket(String traceId, Timeline timeline) {
        StackHttp.Answer answer = http.get(stack.bucket() + "/core/events?limit=1000&trace_id=" + encode(traceId),
                stack.operatorToken());
        if (answer.status() != 200) {
            timeline.note("Bucket answered " + answer.status() + " to /core/events: " + answer.json().path("title").asText());
            return null;
        }
        String userId = null;
        for (JsonNode event : answer.json().path("events")) {
            String type = event.path("event_type").asText();
            if (type.equals("agent_result")) {
                timeline.add(time(event.path("timestamp")), "core", "decided " + event.path("decision").asText()
                        + " for agent " + event.path("agent").asText() + ", workflow "
                        + event.path("workflow_action_type").asText("none") + " (agent_result)");
            }
            if (type.equals("workflow_execution") && event.hasNonNull("user_id")) {
                userId = event.path("user_id").asText();
            }
            timeline.add(time(event.path("received_at")), "bucket", "seq " + event.path("seq").asText() + "  " + type
                    + " from " + event.path("requester_id").asText()
                    + (event.has("status") ? " (" + event.path("status").asText() + ")" : "")
                    + "  hash " + shortHash(event.path("hash").asText()));
        }
        return userId;
    }

    private void executor(String traceId, Timeline timeline) {
        StackHttp.Answer answer = http.get(stack.executor() + "/api/workflow/executions/" + encode(traceId),
                stack.operatorToken());
        if (answer.status() == 404) {
            timeline.note("the executor has no execution of this trace (a decision without workflow, or not sent)");
            return;
        }
        if (answer.status() != 200) {
            timeline.note("the executor answered " + answer.status() + ": " + answer.json().path("title").asText());
            return;
        }
        for (JsonNode execution : answer.json().path("executions")) {
            Instant received = time(execution.path("received_at"));
            String action = execution.path("action_type").asText();
            timeline.add(received, "executor", "received " + action + " (idempotency key "
                    + execution.path("idempotency_key").asText() + ")");
            if (received != null) {
                JsonNode result = execution.path("result");
                timeline.add(received.plusMillis(execution.path("duration_ms").asLong()), "executor",
                        execution.path("status").asText() + " in " + execution.path("duration_ms").asLong() + " ms"
                                + outcome(result));
            }
            execution.path("deliveries").properties().forEach(sink -> delivery(sink.getKey(), sink.getValue(), timeline));
        }
    }

    private static void delivery(String sink, JsonNode delivery, Timeline timeline) {
        String state = delivery.path("state").asText();
        int attempts = delivery.path("attempts").asInt();
        switch (state) {
            case "delivered" -> timeline.add(time(delivery.path("delivered_at")), "executor",
                    "event delivered to " + sink + " (attempt " + attempts + ")");
            case "dead" -> timeline.add(time(delivery.path("dead_at")), "executor",
                    "event to " + sink + " DEAD after " + attempts + " attempts: " + delivery.path("last_error").asText());
            default -> timeline.note("event to " + sink + " still " + state + " after " + attempts
                    + " attempts, next at " + delivery.path("next_attempt_at").asText("?"));
        }
    }

    private void karma(String traceId, String userId, Timeline timeline) {
        StackHttp.Answer answer = http.get(stack.karma() + "/api/v1/karma/" + encode(userId), stack.operatorToken());
        if (answer.status() != 200) {
            timeline.note("Karma answered " + answer.status() + " for user " + userId);
            return;
        }
        for (JsonNode event : answer.json().path("recent_events")) {
            if (traceId.equals(event.path("trace_id").asText())) {
                timeline.add(time(event.path("at")), "karma", event.path("action").asText() + " for user " + userId
                        + " (merit now " + answer.json().path("merit_score").asText() + ", role "
                        + answer.json().path("role").asText() + ")");
            }
        }
    }

    private static String outcome(JsonNode result) {
        if (result.hasNonNull("error_code")) {
            return ", error_code " + result.path("error_code").asText();
        }
        for (String id : new String[] {"task_id", "message_id", "whatsapp_message_id", "request_id"}) {
            if (result.hasNonNull(id)) {
                return ", " + id + " " + result.path(id).asText() + " via " + result.path("provider").asText();
            }
        }
        return "";
    }

    private static Instant time(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String shortHash(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) + "..." : hash;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

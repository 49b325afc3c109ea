package org.bhiv.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.console.Pillars.Answer;
import org.bhiv.console.Pillars.Pillar;
import org.bhiv.server.Problem;
import org.bhiv.server.ProblemException;
import org.bhiv.server.Responses;

/**
 * {@code GET /api/executions} (the executor's latest executions, with its filters) and
 * {@code GET /api/trace/{trace_id}}: one decision across the pillars: Core's {@code agent_result}
 * and the executor's {@code workflow_execution} in Bucket (seq, hash), whether Bucket's chain
 * verifies, the executor's executions with their deliveries, and the Karma events of the trace.
 */
final class ExecutionsApi implements HttpService {

    private static final List<String> FILTERS = List.of("status", "action_type", "user_id", "since", "until", "limit", "cursor");
    private static final Pattern TRACE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final Pillars pillars;

    ExecutionsApi(Pillars pillars) {
        this.pillars = pillars;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/executions", this::executions)
                .get("/trace/{trace_id}", this::trace);
    }

    private void executions(ServerRequest req, ServerResponse res) {
        Relay.send(res, pillars.get(Pillar.EXECUTOR, "/api/workflow/executions" + Relay.query(req, FILTERS)));
    }

    private void trace(ServerRequest req, ServerResponse res) {
        String traceId = req.path().pathParameters().get("trace_id");
        if (!TRACE_ID.matcher(traceId).matches()) {
            throw ProblemException.of(Problem.of(404, "trace_not_found", "No decision has this trace_id."));
        }
        List<String> errors = new ArrayList<>();
        Answer executions = pillars.get(Pillar.EXECUTOR, "/api/workflow/executions/" + Pillars.q(traceId));
        Answer events = pillars.get(Pillar.BUCKET, "/core/events?limit=100&trace_id=" + Pillars.q(traceId));
        Answer chain = pillars.get(Pillar.BUCKET, "/core/audit/verify");
        note(errors, "executor", executions);
        note(errors, "bucket", events);
        if (executions.status() == 404 && events.body().path("events").isEmpty()) {
            throw ProblemException.of(Problem.of(404, "trace_not_found", "No pillar knows this trace_id.")
                    .withTraceId(traceId));
        }
        String user = userOf(events.body().path("events"));
        var karma = new LinkedHashMap<String, Object>();
        karma.put("user_id", user);
        List<JsonNode> karmaEvents = new ArrayList<>();
        if (user != null) {
            Answer account = pillars.get(Pillar.KARMA, "/api/v1/karma/" + Pillars.q(user));
            note(errors, "karma", account);
            account.body().path("recent_events").forEach(e -> {
                if (traceId.equals(e.path("trace_id").asText())) {
                    karmaEvents.add(e);
                }
            });
            karma.put("merit_score", account.body().path("merit_score"));
            karma.put("role", account.body().path("role"));
        }
        karma.put("events", karmaEvents);
        var body = new LinkedHashMap<String, Object>();
        body.put("trace_id", traceId);
        body.put("executions", executions.body().path("executions"));
        var bucket = new LinkedHashMap<String, Object>();
        bucket.put("events", events.body().path("events"));
        bucket.put("chain", chain.body());
        body.put("bucket", bucket);
        body.put("karma", karma);
        body.put("errors", errors);
        Responses.json(res, 200, body);
    }

    /** The user the executor's Bucket record names (the Karma event's user), else Core's. */
    private static String userOf(JsonNode events) {
        String user = null;
        for (JsonNode e : events) {
            if (e.path("event_type").asText().equals("workflow_execution") && e.hasNonNull("user_id")) {
                return e.get("user_id").asText();
            }
            if (e.hasNonNull("user_id")) {
                user = e.get("user_id").asText();
            }
        }
        return user;
    }

    private static void note(List<String> errors, String pillar, Answer answer) {
        if (answer.status() == 0) {
            errors.add(answer.error());
        } else if (!answer.ok() && answer.status() != 404) {
            errors.add(pillar + " answered " + answer.status());
        }
    }
}

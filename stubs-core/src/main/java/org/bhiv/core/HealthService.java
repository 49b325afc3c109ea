package org.bhiv.core;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.bridge.WorkflowClient;
import org.bhiv.bridge.WorkflowStats;
import org.bhiv.server.Responses;

/**
 * {@code GET /health} (contracts 7): {@code {"status": "healthy", "auth", "uptime_seconds",
 * "workflow_executor": {"reachable", "in_flight", "sent", "failed", "dropped", ...},
 * "bucket_events": {...}}}. Core is healthy whether or not the executor is: it keeps answering
 * without it. {@code reachable} is the last answer of the background {@link ExecutorProbe}
 * (never waited for here), {@code checked_at} when it came and {@code age_ms} how old it is
 * (both {@code null} before the first probe ended, when {@code reachable} is {@code false}).
 */
final class HealthService implements HttpService {

    private final String auth;
    private final WorkflowClient workflows;
    private final ExecutorProbe probe;
    private final AgentResultSink agentResults;
    private final Instant started;

    HealthService(String auth, WorkflowClient workflows, ExecutorProbe probe, AgentResultSink agentResults,
                  Instant started) {
        this.auth = auth;
        this.workflows = workflows;
        this.probe = probe;
        this.agentResults = agentResults;
        this.started = started;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::health);
    }

    /** The probe lives as long as the server. */
    @Override
    public void beforeStart() {
        probe.start();
    }

    @Override
    public void afterStop() {
        probe.close();
    }

    private void health(ServerRequest req, ServerResponse res) {
        ExecutorProbe.Result probed = probe.last();
        WorkflowStats stats = workflows.stats();
        Instant now = Instant.now();
        Map<String, Object> executor = new LinkedHashMap<>();
        executor.put("reachable", probed.reachable());
        executor.put("checked_at", probed.checkedAt() == null ? null : probed.checkedAt().toString());
        executor.put("age_ms", probed.checkedAt() == null ? null
                : Math.max(0, Duration.between(probed.checkedAt(), now).toMillis()));
        executor.put("in_flight", stats.inFlight());
        executor.put("sent", stats.sent());
        executor.put("failed", stats.failed());
        executor.put("dropped", stats.dropped());
        executor.put("delivered", stats.delivered());
        executor.put("rejected", stats.rejected());
        executor.put("unavailable", stats.unavailable());
        executor.put("retried", stats.retried());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "healthy");
        body.put("auth", auth);
        body.put("uptime_seconds", Duration.between(started, now).toSeconds());
        body.put("workflow_executor", executor);
        body.put("bucket_events", agentResults.stats());
        Responses.json(res, 200, body);
    }
}

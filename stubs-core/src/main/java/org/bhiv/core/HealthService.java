package org.bhiv.core;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.bridge.WorkflowClient;
import org.bhiv.bridge.WorkflowStats;
import org.bhiv.server.Responses;
import org.bhiv.server.auth.Caller;
import org.bhiv.server.auth.Tokens;

/**
 * {@code GET /health} (contracts 7): {@code {"status": "healthy", "auth", "uptime_seconds",
 * "workflow_executor": {"reachable", "in_flight", "sent", "failed", "dropped", ...},
 * "bucket_events": {...}}}. Core is healthy whether or not the executor is: it keeps answering
 * without it. {@code reachable} asks the executor's {@code /healthz} and waits at most the
 * bridge's timeout (2 s) for it.
 */
final class HealthService implements HttpService {

    private final Tokens tokens;
    private final WorkflowClient workflows;
    private final AgentResultSink agentResults;
    private final Instant started;

    HealthService(Tokens tokens, WorkflowClient workflows, AgentResultSink agentResults, Instant started) {
        this.tokens = tokens;
        this.workflows = workflows;
        this.agentResults = agentResults;
        this.started = started;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::health);
    }

    private void health(ServerRequest req, ServerResponse res) {
        boolean reachable = reachable();
        WorkflowStats stats = workflows.stats();
        Map<String, Object> executor = new LinkedHashMap<>();
        executor.put("reachable", reachable);
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
        body.put("auth", Caller.mode(tokens));
        body.put("uptime_seconds", Duration.between(started, Instant.now()).toSeconds());
        body.put("workflow_executor", executor);
        body.put("bucket_events", agentResults.stats());
        Responses.json(res, 200, body);
    }

    private boolean reachable() {
        try {
            // health() itself ends within the bridge's timeout; the extra second is only a backstop.
            return workflows.health().toCompletableFuture().get(WorkflowClient.MAX_TIMEOUT.toMillis() + 1000,
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}

package org.bhiv.executor;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.executor.outbox.SinkStats;
import org.bhiv.executor.store.StoreHealth;
import org.bhiv.executor.workflow.WorkflowCounters;
import org.bhiv.server.Responses;

/**
 * {@code GET /healthz} (section 3.5), separate from Helidon's {@code /observe/health}. Always
 * 200: a store that does not answer or a sink that is backing off makes the status
 * {@code degraded}, never a failure code.
 */
final class HealthService implements HttpService {

    private final String auth;
    private final ExecutorConfig config;
    private final WorkflowCounters counters;
    private final StoreHealth store;
    private final Supplier<Map<String, SinkStats>> integrations;
    private final Clock clock;

    HealthService(String auth, ExecutorConfig config, WorkflowCounters counters, StoreHealth store,
                  Supplier<Map<String, SinkStats>> integrations, Clock clock) {
        this.auth = auth;
        this.config = config;
        this.counters = counters;
        this.store = store;
        this.integrations = integrations;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::health);
    }

    private void health(ServerRequest req, ServerResponse res) {
        Map<String, Object> storeSection = store.section();
        Map<String, SinkStats> sinks = integrations.get();
        boolean degraded = !Boolean.TRUE.equals(storeSection.get("ok"))
                || sinks.values().stream().anyMatch(SinkStats::degraded);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", degraded ? "degraded" : "ok");
        body.put("service", "workflow-executor");
        body.put("environment", config.environment());
        body.put("timestamp", clock.instant().toString());
        body.put("version", config.version());
        body.put("auth", auth);
        body.put("store", storeSection);
        body.put("integrations", sinks);
        body.put("workflows", counters.snapshot());
        Responses.json(res, 200, body);
    }
}

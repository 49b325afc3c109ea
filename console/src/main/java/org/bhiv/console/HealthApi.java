package org.bhiv.console;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.console.Pillars.Answer;
import org.bhiv.console.Pillars.Pillar;
import org.bhiv.server.Responses;

/**
 * {@code GET /api/health}: the five pillars at once (each asked in parallel, each within the
 * console's timeout): Karma, Bucket, Core and the executor by their health endpoints, the
 * executor's outbox per sink from its {@code /healthz}, and PRANA by Bucket's PRANA stats. Each
 * pillar is {@code up}, {@code degraded} or {@code down}; {@code overall} is {@code ok} only when
 * all are up.
 */
final class HealthApi implements HttpService {

    private final Pillars pillars;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    HealthApi(Pillars pillars) {
        this.pillars = pillars;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::health);
    }

    private void health(ServerRequest req, ServerResponse res) {
        var karma = ask(Pillar.KARMA, "/health");
        var bucket = ask(Pillar.BUCKET, "/health");
        var core = ask(Pillar.CORE, "/health");
        var executor = ask(Pillar.EXECUTOR, "/healthz");
        var prana = ask(Pillar.BUCKET, "/bucket/prana/stats");
        var all = new LinkedHashMap<String, Object>();
        all.put("karma", pillar(karma.join(), "healthy"));
        all.put("bucket", pillar(bucket.join(), "healthy"));
        all.put("core", pillar(core.join(), "healthy"));
        Map<String, Object> exec = pillar(executor.join(), "ok");
        exec.put("outbox", executor.join().body().path("integrations"));
        all.put("executor", exec);
        all.put("prana", prana(prana.join()));
        boolean ok = all.values().stream().allMatch(p -> "up".equals(((Map<?, ?>) p).get("state")));
        var body = new LinkedHashMap<String, Object>();
        body.put("overall", ok ? "ok" : "degraded");
        body.put("pillars", all);
        Responses.json(res, 200, body);
    }

    private CompletableFuture<Answer> ask(Pillar pillar, String path) {
        return CompletableFuture.supplyAsync(() -> pillars.get(pillar, path), threads);
    }

    private static Map<String, Object> pillar(Answer answer, String healthyStatus) {
        var p = new LinkedHashMap<String, Object>();
        String status = answer.body().path("status").asText("");
        p.put("state", answer.status() == 0 ? "down" : answer.ok() && status.equals(healthyStatus) ? "up" : "degraded");
        p.put("http_status", answer.status());
        p.put("status", answer.status() == 0 ? answer.error() : status);
        p.put("detail", answer.body());
        return p;
    }

    private static Map<String, Object> prana(Answer stats) {
        var p = new LinkedHashMap<String, Object>();
        JsonNode s = stats.body().path("stats");
        p.put("state", stats.status() == 0 ? "down" : stats.ok() ? "up" : "degraded");
        p.put("http_status", stats.status());
        p.put("packets_received", s.path("packets_received").asLong(0));
        p.put("users_tracked", s.path("users_tracked").asLong(0));
        p.put("detail", s);
        return p;
    }
}

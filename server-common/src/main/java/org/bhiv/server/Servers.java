package org.bhiv.server;

import java.util.List;
import java.util.function.Consumer;

import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.health.checks.HealthChecks;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;
import org.bhiv.server.docs.ApiDocs;
import org.bhiv.server.docs.RouteTable;
import org.bhiv.server.edge.HttpEdge;

/**
 * Starts a service the same way everywhere: the {@code server} config node, Helidon's
 * {@code /observe/health} (with the service's readiness checks) and {@code /observe/metrics}
 * (with the JVM and process meters of {@link ProcessMeters} and {@code refusals_total} by reason),
 * problem+json error handling (also for what Helidon refuses before routing: a bad
 * percent-encoding, an oversized header or path), the HTTP edge ({@link HttpEdge}: read and
 * idle timeouts, connections that close when they should, no wire logging), its OpenAPI
 * document at {@code /openapi} and Swagger UI at {@code /docs} ({@link ApiDocs}), and the
 * service's routes, recorded in a {@link RouteTable} in the server's context.
 */
public final class Servers {

    private Servers() {
    }

    /**
     * Builds and starts the server.
     *
     * @param config    the root config
     * @param routes    adds the service's routes
     * @param readiness checks that say whether the service can do its work
     * @return the started server
     */
    public static WebServer start(Config config, Consumer<HttpRouting.Builder> routes, List<HealthCheck> readiness) {
        return start(config, routes, readiness, ProblemDecorator.none());
    }

    /**
     * Builds and starts the server; every problem it sends passes through {@code decorator}.
     *
     * @param config    the root config
     * @param routes    adds the service's routes
     * @param readiness checks that say whether the service can do its work
     * @param decorator adds the service's own members to each problem
     * @return the started server
     */
    public static WebServer start(Config config, Consumer<HttpRouting.Builder> routes, List<HealthCheck> readiness,
                                  ProblemDecorator decorator) {
        // Helidon's built-in disk space and heap checks, not its deadlock check: that one stops every
        // thread of the service at a safepoint on each call (p99 of /observe/health 2.5 ms with it,
        // 0.5-1 ms without, one keep-alive connection, docs/benchmarks.md)
        var health = HealthObserver.builder().details(true).useSystemServices(false)
                .addCheck(HealthChecks.diskSpaceCheck())
                .addCheck(HealthChecks.heapMemoryCheck());
        readiness.forEach(health::addCheck);
        var observe = ObserveFeature.builder()
                .config(config.get("server.features.observe"))
                .addObserver(health.build())
                .addObserver(MetricsObserver.create())
                .build();
        Config server = config.get("server");
        HttpEdge edge = HttpEdge.create(server);
        ProcessMeters.bind(ProcessMeters.registry());
        var refusals = new RefusalMeter(decorator, ProcessMeters.helidon());
        var table = new RouteTable();
        WebServer webServer = edge.configure(WebServer.builder(), server)
                .config(server)
                .featuresDiscoverServices(false)
                .directHandlers(ProblemDirectHandler.all())
                .addFeature(observe)
                .addFeature(ApiDocs.openApi(config.get("openapi")))
                .routing(routing -> {
                    edge.register(routing);
                    ProblemHandlers.register(routing, refusals);
                    ApiDocs.register(routing);
                    routes.accept(table.recording(routing));
                })
                .build();
        webServer.context().register(table);
        return edge.watch(webServer.start());
    }
}

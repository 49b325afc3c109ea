package org.bhiv.executor;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import io.helidon.config.Config;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.logging.common.LogConfig;
import io.helidon.service.registry.Services;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import org.bhiv.executor.adapters.AdapterConfig;
import org.bhiv.executor.adapters.ai.AiAdapter;
import org.bhiv.executor.adapters.email.EmailAdapter;
import org.bhiv.executor.adapters.provider.ProviderContext;
import org.bhiv.executor.adapters.sandbox.SandboxRecorder;
import org.bhiv.executor.adapters.sandbox.SandboxService;
import org.bhiv.executor.adapters.task.TaskAdapter;
import org.bhiv.executor.adapters.task.TaskService;
import org.bhiv.executor.adapters.task.TaskStore;
import org.bhiv.executor.adapters.whatsapp.WhatsAppAdapter;
import org.bhiv.executor.engine.AdapterRegistry;
import org.bhiv.executor.engine.ExecutionEngine;
import org.bhiv.executor.executions.ExecutionsService;
import org.bhiv.executor.idempotency.Idempotency;
import org.bhiv.executor.idempotency.IdempotencyConfig;
import org.bhiv.executor.idempotency.KeyPurger;
import org.bhiv.executor.operations.DeadEventsService;
import org.bhiv.executor.operations.DeadLetterMeters;
import org.bhiv.executor.operations.ExecutionListService;
import org.bhiv.executor.operations.Redeliveries;
import org.bhiv.executor.outbox.DeliveryStates;
import org.bhiv.executor.outbox.IntegrationsConfig;
import org.bhiv.executor.outbox.Outbox;
import org.bhiv.executor.outbox.OutboxDispatcher;
import org.bhiv.executor.store.Database;
import org.bhiv.executor.store.DeadEvents;
import org.bhiv.executor.store.ExecutionQueries;
import org.bhiv.executor.store.JdbcExecutionStore;
import org.bhiv.executor.store.JdbcSandboxRecorder;
import org.bhiv.executor.store.JdbcTaskStore;
import org.bhiv.executor.store.StoreConfig;
import org.bhiv.executor.store.StoreHealth;
import org.bhiv.executor.workflow.ExecutionListener;
import org.bhiv.executor.workflow.ExecutionLog;
import org.bhiv.executor.workflow.ExecutionMetrics;
import org.bhiv.executor.workflow.ExecutionPipeline;
import org.bhiv.executor.workflow.WorkflowCounters;
import org.bhiv.executor.workflow.WorkflowService;
import org.bhiv.server.LogFiles;
import org.bhiv.server.Servers;
import org.bhiv.server.auth.AnonymousAccess;
import org.bhiv.server.auth.AuthHealthCheck;
import org.bhiv.server.auth.BearerTokenFilter;
import org.bhiv.server.auth.Tokens;

/**
 * Starts the Workflow Executor: config, then collaborators, then routing, then the server.
 */
public final class Main {

    private static final System.Logger LOGGER = System.getLogger(Main.class.getName());
    private static final List<String> ADAPTERS = List.of("whatsapp", "email", "ai", "task");

    private Main() {
    }

    /**
     * Runs the service until the JVM is stopped.
     *
     * @param args ignored; configuration comes from {@code application.yaml}, environment and {@code -D}
     */
    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = Config.create();
        LogFiles.install(config, "executor");
        WebServer server = start(config);
        LOGGER.log(System.Logger.Level.INFO, "Workflow Executor listening on http://localhost:" + server.port());
    }

    /**
     * Builds and starts the service from config; the end-to-end tests call this too.
     *
     * @param config the root config
     * @return the started server
     */
    public static WebServer start(Config config) {
        Clock clock = Clock.systemUTC();
        Tokens tokens = Tokens.create(config.get("security"));
        AnonymousAccess anonymous = AnonymousAccess.create(config.get("security"), Set.of(WorkflowService.OPERATION));
        anonymous.requireConfirmedBeside(config.get("security"), realProviders(config.get("executor.adapters")));
        ExecutorConfig executorConfig = ExecutorConfig.create(config.get("executor"));
        StoreConfig storeConfig = StoreConfig.create(config.get("executor.store"));
        IdempotencyConfig idempotency = IdempotencyConfig.create(config.get("executor.idempotency"));
        IntegrationsConfig integrations = IntegrationsConfig.create(config.get("integrations"), storeConfig.dataDir());

        Database database = Database.open(storeConfig);
        var executions = new JdbcExecutionStore(database, idempotency.lease(), idempotency.retention(), clock);
        var meters = Services.get(MeterRegistry.class);
        var outbox = Outbox.create(database, integrations, meters, clock);
        var dispatcher = OutboxDispatcher.create(outbox);
        var purger = KeyPurger.start(executions, idempotency);
        var shutdown = new ShutdownSteps(List.of(
                new ShutdownSteps.Step("drain the outbox", () -> dispatcher.shutdown(dispatcher.drainTimeout())),
                new ShutdownSteps.Step("stop the idempotency purge", purger::close),
                new ShutdownSteps.Step("close the database", database::close)));
        try {
            dispatcher.start();
            SandboxRecorder recorder = new JdbcSandboxRecorder(database, clock);
            TaskStore tasks = new JdbcTaskStore(database);
            var counters = new WorkflowCounters();
            var listener = ExecutionListener.all(List.of(new ExecutionLog(), new ExecutionMetrics(meters), counters));
            var pipeline = new ExecutionPipeline(new Idempotency(executions),
                    new ExecutionEngine(adapters(config, recorder, tasks, clock), clock), outbox, listener, clock);
            var storeHealth = new StoreHealth(database);
            var deadEvents = new DeadEvents(database);
            var redeliveries = new Redeliveries(deadEvents,
                    new DeadLetterMeters(meters, deadEvents::depth),
                    outbox::afterCommit, clock);
            var endpoints = new Endpoints(
                    new HealthService(anonymous.mode(tokens), executorConfig, counters, storeHealth, outbox::snapshot, clock),
                    new WorkflowService(pipeline, executorConfig.executors(), anonymous, executorConfig.maxBodySize()),
                    new ExecutionListService(new ExecutionQueries(database), executorConfig.readers()),
                    new ExecutionsService(executions, new DeliveryStates(database)::byTrace, executorConfig.readers()),
                    new DeadEventsService(redeliveries, executorConfig.operators()),
                    new TaskService(tasks, executorConfig.readers()),
                    new SandboxService(recorder, executorConfig.readers()));
            return Servers.start(config, routing -> routing(routing.addFeature(shutdown), tokens, endpoints),
                    List.of(storeHealth, new AuthHealthCheck(anonymous.mode(tokens))));
        } catch (RuntimeException e) {
            shutdown.run();
            throw e;
        }
    }

    /**
     * The executor's HTTP services.
     *
     * @param health     {@code /healthz}
     * @param workflows  {@code /api/workflow/execute}
     * @param latest     {@code /api/workflow/executions} (the list, filtered and paged)
     * @param executions {@code /api/workflow/executions/{trace_id}}
     * @param deadEvents {@code /api/workflow/dead-events} (list, redeliver)
     * @param tasks      {@code /api/tasks/{task_id}}
     * @param sandbox    {@code /api/sandbox/{trace_id}}
     */
    public record Endpoints(HttpService health, HttpService workflows, HttpService latest, HttpService executions,
                            HttpService deadEvents, HttpService tasks, HttpService sandbox) {
    }

    /**
     * Routes the executor's endpoints behind its token filter; the service and the in-memory
     * routing tests ({@code @RoutingTest}) both build their routing here.
     *
     * @param routing   the routing to add to
     * @param tokens    the token table
     * @param endpoints the services
     */
    public static void routing(HttpRouting.Builder routing, Tokens tokens, Endpoints endpoints) {
        routing.addFilter(BearerTokenFilter.create(tokens, "executor"))
                .register("/healthz", endpoints.health())
                .register("/api/workflow/executions", endpoints.latest(), endpoints.executions())
                .register("/api/workflow/dead-events", endpoints.deadEvents())
                .register("/api/workflow", endpoints.workflows())
                .register("/api/tasks", endpoints.tasks())
                .register("/api/sandbox", endpoints.sandbox());
    }

    /** The adapters whose provider acts on the outside world (anything but {@code sandbox}), as {@code name=provider}. */
    private static List<String> realProviders(Config adapters) {
        return ADAPTERS.stream().map(name -> AdapterConfig.create(adapters, name))
                .filter(adapter -> !adapter.provider().equals("sandbox"))
                .map(adapter -> adapter.name() + "=" + adapter.provider())
                .toList();
    }

    private static AdapterRegistry adapters(Config config, SandboxRecorder recorder, TaskStore tasks, Clock clock) {
        Config adapters = config.get("executor.adapters");
        return new AdapterRegistry(List.of(
                WhatsAppAdapter.create(context(adapters, "whatsapp", recorder, clock)),
                EmailAdapter.create(context(adapters, "email", recorder, clock)),
                AiAdapter.create(context(adapters, "ai", recorder, clock)),
                TaskAdapter.create(context(adapters, "task", recorder, clock), tasks)));
    }

    private static ProviderContext context(Config adapters, String name, SandboxRecorder recorder, Clock clock) {
        return new ProviderContext(AdapterConfig.create(adapters, name), recorder, clock);
    }
}

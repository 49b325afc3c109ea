package org.bhiv.executor;

import java.time.Clock;
import java.util.List;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.service.registry.Services;
import io.helidon.webserver.WebServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.bhiv.executor.adapters.AdapterConfig;
import org.bhiv.executor.adapters.InMemorySandboxRecorder;
import org.bhiv.executor.adapters.ProviderContext;
import org.bhiv.executor.adapters.SandboxRecorder;
import org.bhiv.executor.adapters.SandboxService;
import org.bhiv.executor.adapters.ai.AiAdapter;
import org.bhiv.executor.adapters.email.EmailAdapter;
import org.bhiv.executor.adapters.task.InMemoryTaskStore;
import org.bhiv.executor.adapters.task.TaskAdapter;
import org.bhiv.executor.adapters.task.TaskService;
import org.bhiv.executor.adapters.task.TaskStore;
import org.bhiv.executor.adapters.whatsapp.WhatsAppAdapter;
import org.bhiv.executor.engine.AdapterRegistry;
import org.bhiv.executor.engine.ExecutionEngine;
import org.bhiv.executor.workflow.ExecutionLog;
import org.bhiv.executor.workflow.ExecutionMetrics;
import org.bhiv.executor.workflow.WorkflowCounters;
import org.bhiv.executor.workflow.WorkflowExecutions;
import org.bhiv.executor.workflow.WorkflowExecutor;
import org.bhiv.executor.workflow.WorkflowService;
import org.bhiv.server.LogFiles;
import org.bhiv.server.Servers;
import org.bhiv.server.auth.BearerTokenFilter;
import org.bhiv.server.auth.Tokens;

/**
 * Starts the Workflow Executor: config, then collaborators, then routing, then the server.
 */
public final class Main {

    private static final System.Logger LOGGER = System.getLogger(Main.class.getName());

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
        ExecutorConfig executorConfig = ExecutorConfig.create(config.get("executor"));
        SandboxRecorder recorder = new InMemorySandboxRecorder(clock);
        TaskStore tasks = new InMemoryTaskStore();
        Config adapters = config.get("executor.adapters");
        AdapterRegistry registry = new AdapterRegistry(List.of(
                WhatsAppAdapter.create(context(adapters, "whatsapp", recorder, clock)),
                EmailAdapter.create(context(adapters, "email", recorder, clock)),
                AiAdapter.create(context(adapters, "ai", recorder, clock)),
                TaskAdapter.create(context(adapters, "task", recorder, clock), tasks)));
        var log = new ExecutionLog();
        var counters = new WorkflowCounters();
        var metrics = new ExecutionMetrics(meterRegistry());
        WorkflowExecutor executor = new WorkflowExecutions(new ExecutionEngine(registry, clock), log, metrics, counters);
        var workflows = new WorkflowService(executor, executorConfig.maxBodySize(), log, counters, metrics);
        var health = new HealthService(tokens, executorConfig, counters, clock);
        return Servers.start(config, routing -> routing
                .addFilter(BearerTokenFilter.create(tokens, "executor"))
                .register("/healthz", health)
                .register("/api/workflow", workflows)
                .register("/api/tasks", new TaskService(tasks))
                .register("/api/sandbox", new SandboxService(recorder)), List.of());
    }

    /** The Micrometer registry behind Helidon's {@code /observe/metrics}. */
    private static MeterRegistry meterRegistry() {
        return Services.get(io.helidon.metrics.api.MeterRegistry.class).unwrap(MeterRegistry.class);
    }

    private static ProviderContext context(Config adapters, String name, SandboxRecorder recorder, Clock clock) {
        return new ProviderContext(AdapterConfig.create(adapters, name), recorder, clock);
    }
}

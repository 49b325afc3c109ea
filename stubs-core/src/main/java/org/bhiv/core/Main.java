package org.bhiv.core;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import org.bhiv.bridge.WorkflowClient;
import org.bhiv.server.LogFiles;
import org.bhiv.server.ProcessMeters;
import org.bhiv.server.RedactionKey;
import org.bhiv.server.Servers;
import org.bhiv.server.auth.AccessPolicy;
import org.bhiv.server.auth.AnonymousAccess;
import org.bhiv.server.auth.AuthHealthCheck;
import org.bhiv.server.auth.BearerTokenFilter;
import org.bhiv.server.auth.Tokens;

/**
 * Starts the Core stand-in: config, then collaborators, then routing, then the server.
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
        LogFiles.install(config, "core");
        WebServer server = start(config);
        LOGGER.log(System.Logger.Level.INFO, "Core stand-in listening on http://localhost:" + server.port());
    }

    /**
     * Builds and starts the service from config; the end-to-end tests call this too.
     *
     * @param config the root config
     * @return the started server
     * @throws IllegalArgumentException when a config value is invalid; the message names the key
     */
    public static WebServer start(Config config) {
        Tokens tokens = Tokens.create(config.get("security"));
        AnonymousAccess anonymous = AnonymousAccess.create(config.get("security"), Set.of(TaskService.OPERATION));
        var callers = AccessPolicy.identities(config.get("handle-task.callers"), TaskService.DEFAULT_CALLERS);
        var access = new AccessPolicy(callers, anonymous.allows(TaskService.OPERATION));
        WorkflowExecutorConfig executorConfig = WorkflowExecutorConfig.create(config.get("workflow-executor"));
        BucketConfig bucketConfig = BucketConfig.create(config.get("bucket"));
        WorkflowClient workflows = executorConfig.newClient();
        AgentResultSink agentResults = new AgentResultSink(bucketConfig,
                RedactionKey.resolve(config.get("bucket.redaction"), java.nio.file.Path.of("data", "core")));
        LOGGER.log(System.Logger.Level.INFO, "Core stand-in: " + executorConfig + ", " + bucketConfig);
        CoreMeters.register(ProcessMeters.helidon(), workflows, agentResults);
        ExecutorProbe probe = new ExecutorProbe(workflows, executorConfig.healthInterval(), Clock.systemUTC());
        String auth = anonymous.mode(tokens);
        WebServer server = Servers.start(config,
                routing -> routing(routing, tokens, auth, access, workflows, probe, agentResults),
                List.of(new AuthHealthCheck(auth)));
        return server;
    }

    static void routing(HttpRouting.Builder routing, Tokens tokens, String auth, AccessPolicy access,
                        WorkflowClient workflows, ExecutorProbe probe, AgentResultSink agentResults) {
        routing.addFilter(BearerTokenFilter.create(tokens, "core"))
                .register("/health", new HealthService(auth, workflows, probe, agentResults, Instant.now()))
                .register("/handle_task", new TaskService(access, new DecisionRules(), workflows, agentResults));
    }
}

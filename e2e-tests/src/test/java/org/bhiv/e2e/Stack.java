package org.bhiv.e2e;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;

/**
 * The whole stack started in-process on random ports, with tokens configured so governance is
 * really enforced, wired as the launcher wires it (also its anonymous access: the executor's
 * execute and Core's handle_task accept callers without a token; {@code extra} may turn it off
 * with {@code security.anonymous.allow=""}). Single services can be stopped and started
 * again on the same port to simulate an outage.
 */
final class Stack implements AutoCloseable {

    static final String CORE_TOKEN = "e2e-core-token";
    static final String EXECUTOR_TOKEN = "e2e-executor-token";
    static final String OPERATOR_TOKEN = "e2e-operator-token";

    private final Path dataDir;
    private final Map<String, String> extra;
    private final Map<StackService, WebServer> servers = new EnumMap<>(StackService.class);
    private final Map<StackService, Integer> ports = new EnumMap<>(StackService.class);

    private Stack(Path dataDir, Map<String, String> extra) {
        this.dataDir = dataDir;
        this.extra = Map.copyOf(extra);
    }

    /**
     * Starts Karma, Bucket, the executor and Core, in the order their dependencies need.
     *
     * @param dataDir where the executor's database and Bucket's journal live
     * @param extra   further config overrides for every service (keys unknown to a service are ignored)
     * @return the running stack
     */
    static Stack start(Path dataDir, Map<String, String> extra) {
        Stack stack = new Stack(dataDir, extra);
        for (StackService service : new StackService[] {
                StackService.KARMA, StackService.BUCKET, StackService.EXECUTOR, StackService.CORE}) {
            stack.start(service);
        }
        return stack;
    }

    /**
     * Starts only Bucket and Karma, for tests that run the executor as a process of its own.
     *
     * @param dataDir where Bucket's journal lives
     * @return the running peers
     */
    static Stack peers(Path dataDir) {
        Stack stack = new Stack(dataDir, Map.of());
        stack.start(StackService.KARMA);
        stack.start(StackService.BUCKET);
        return stack;
    }

    /** Starts one service (again), on the port it had before if it ran already. */
    void start(StackService service) {
        if (servers.containsKey(service)) {
            return;
        }
        Map<String, String> config = new HashMap<>();
        switch (service) {
            case EXECUTOR -> config.put("security.anonymous.allow", "execute");
            case CORE -> config.put("security.anonymous.allow", "handle_task");
            default -> {
            }
        }
        config.putAll(extra);
        config.putAll(tokens());
        config.put("server.port", String.valueOf(ports.getOrDefault(service, 0)));
        config.put("logging.file", "");
        switch (service) {
            case BUCKET -> config.put("bucket.journal", dataDir.resolve("bucket-journal.jsonl").toString());
            case EXECUTOR -> {
                config.put("executor.store.data-dir", dataDir.resolve("executor").toString());
                config.put("integrations.bucket.url", url(StackService.BUCKET));
                config.put("integrations.bucket.token", EXECUTOR_TOKEN);
                config.put("integrations.karma.url", url(StackService.KARMA));
                config.put("integrations.karma.token", EXECUTOR_TOKEN);
            }
            case CORE -> {
                config.put("workflow-executor.url", url(StackService.EXECUTOR));
                config.put("workflow-executor.token", CORE_TOKEN);
                config.put("bucket.url", url(StackService.BUCKET));
                config.put("bucket.token", CORE_TOKEN);
            }
            default -> {
            }
        }
        WebServer server = service.start(config);
        servers.put(service, server);
        ports.put(service, server.port());
    }

    /** Stops one service; {@link #start(StackService)} brings it back on the same port. */
    void stop(StackService service) {
        WebServer server = servers.remove(service);
        if (server != null) {
            server.stop();
        }
    }

    String url(StackService service) {
        Integer port = ports.get(service);
        if (port == null) {
            throw new IllegalStateException(service + " has not been started");
        }
        return "http://localhost:" + port;
    }

    /** A client of one service that presents the given bearer token (none when null). */
    WebClient client(StackService service, String token) {
        var builder = WebClient.builder().baseUri(url(service));
        if (token != null) {
            builder.addHeader(io.helidon.http.HeaderNames.AUTHORIZATION, "Bearer " + token);
        }
        return builder.build();
    }

    @Override
    public void close() {
        for (StackService service : new StackService[] {
                StackService.CORE, StackService.EXECUTOR, StackService.BUCKET, StackService.KARMA}) {
            stop(service);
        }
    }

    private static Map<String, String> tokens() {
        return Map.of(
                "security.tokens.0.token", CORE_TOKEN, "security.tokens.0.identity", "bhiv_core",
                "security.tokens.1.token", EXECUTOR_TOKEN, "security.tokens.1.identity", "workflow_executor",
                "security.tokens.2.token", OPERATOR_TOKEN, "security.tokens.2.identity", "operator");
    }
}

package org.bhiv.executor;

import java.util.Set;

import io.helidon.config.Config;
import org.bhiv.server.auth.AccessPolicy;

/**
 * The {@code executor} config node's own keys (adapters and store have their own records).
 *
 * @param maxBodySize largest accepted request body in bytes ({@code max-body-size}, 1 MiB)
 * @param environment the name reported by health ({@code environment}, {@code local})
 * @param version     the version reported by health ({@code version}, else the jar manifest's, else {@code dev})
 * @param executors   the identities that may execute workflows ({@code callers.execute}, {@code bhiv_core, operator})
 * @param readers     the identities that may read executions, tasks and sandbox records
 *                    ({@code callers.read}, {@code operator, bhiv_core})
 * @param operators   the identities that may list and redeliver dead events ({@code callers.operate}, {@code operator})
 */
public record ExecutorConfig(long maxBodySize, String environment, String version, Set<String> executors,
                             Set<String> readers, Set<String> operators) {

    /** Who may execute unless {@code callers.execute} says otherwise. */
    public static final Set<String> DEFAULT_EXECUTORS = Set.of("bhiv_core", "operator");
    /** Who may read unless {@code callers.read} says otherwise. */
    public static final Set<String> DEFAULT_READERS = Set.of("operator", "bhiv_core");
    /** Who may redeliver dead events unless {@code callers.operate} says otherwise. */
    public static final Set<String> DEFAULT_OPERATORS = Set.of("operator");

    /** Default body limit: 1 MiB. */
    public static final long DEFAULT_MAX_BODY_SIZE = 1024 * 1024;

    public ExecutorConfig {
        if (maxBodySize < 1 || maxBodySize > 64L * 1024 * 1024) {
            throw new IllegalArgumentException("executor.max-body-size must be between 1 byte and 64 MiB, was " + maxBodySize);
        }
        if (executors.isEmpty() || readers.isEmpty() || operators.isEmpty()) {
            throw new IllegalArgumentException(
                    "executor.callers.execute, executor.callers.read and executor.callers.operate must name at least one identity");
        }
        executors = Set.copyOf(executors);
        readers = Set.copyOf(readers);
        operators = Set.copyOf(operators);
    }

    /**
     * @param executor the {@code executor} node
     * @return the config with its defaults
     */
    public static ExecutorConfig create(Config executor) {
        String manifest = ExecutorConfig.class.getPackage().getImplementationVersion();
        return new ExecutorConfig(
                executor.get("max-body-size").asLong().orElse(DEFAULT_MAX_BODY_SIZE),
                executor.get("environment").asString().orElse("local"),
                executor.get("version").asString().orElse(manifest == null ? "dev" : manifest),
                AccessPolicy.identities(executor.get("callers.execute"), DEFAULT_EXECUTORS),
                AccessPolicy.identities(executor.get("callers.read"), DEFAULT_READERS),
                AccessPolicy.identities(executor.get("callers.operate"), DEFAULT_OPERATORS));
    }
}

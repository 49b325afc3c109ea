package org.bhiv.executor;

import io.helidon.config.Config;

/**
 * The {@code executor} config node's own keys (adapters and store have their own records).
 *
 * @param maxBodySize largest accepted request body in bytes ({@code max-body-size}, 1 MiB)
 * @param environment the name reported by health ({@code environment}, {@code local})
 * @param version     the version reported by health ({@code version}, else the jar manifest's, else {@code dev})
 */
public record ExecutorConfig(long maxBodySize, String environment, String version) {

    /** Default body limit: 1 MiB. */
    public static final long DEFAULT_MAX_BODY_SIZE = 1024 * 1024;

    public ExecutorConfig {
        if (maxBodySize < 1 || maxBodySize > 64L * 1024 * 1024) {
            throw new IllegalArgumentException("executor.max-body-size must be between 1 byte and 64 MiB, was " + maxBodySize);
        }
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
                executor.get("version").asString().orElse(manifest == null ? "dev" : manifest));
    }
}

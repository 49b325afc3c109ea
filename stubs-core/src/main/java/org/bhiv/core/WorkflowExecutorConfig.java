package org.bhiv.core;

import java.time.Duration;

import io.helidon.config.Config;
import org.bhiv.bridge.WorkflowClient;

/**
 * The {@code workflow-executor} config node: how core-bridge reaches the executor.
 *
 * @param url         the executor's base URL ({@code http://localhost:8003})
 * @param token       the bearer token proving {@code bhiv_core}, {@code null} when unset
 * @param timeout     the whole budget of one workflow call, retries included, at most 2 s ({@code PT2S})
 * @param maxInFlight calls in progress at most; more are dropped ({@code 64})
 * @param retries     retries after a connection failure, timeout or 503 ({@code 2})
 * @param healthInterval how often Core probes the executor's {@code /healthz} in the background ({@code PT5S})
 */
record WorkflowExecutorConfig(String url, String token, Duration timeout, int maxInFlight, int retries,
                              Duration healthInterval) {

    /** Default of {@code workflow-executor.health-interval}. */
    static final Duration DEFAULT_HEALTH_INTERVAL = Duration.ofSeconds(5);

    WorkflowExecutorConfig {
        if (healthInterval == null || healthInterval.toMillis() < 1) {
            throw new IllegalArgumentException("workflow-executor.health-interval must be at least 1 ms: " + healthInterval);
        }
    }

    /**
     * @param node the {@code workflow-executor} node
     * @return the config, with defaults for what is absent
     */
    static WorkflowExecutorConfig create(Config node) {
        return new WorkflowExecutorConfig(node.get("url").asString().orElse("http://localhost:8003"),
                ConfigValues.secret(node.get("token")),
                ConfigValues.duration(node.get("timeout"), "workflow-executor.timeout", WorkflowClient.MAX_TIMEOUT),
                node.get("max-in-flight").asInt().orElse(64),
                node.get("retries").asInt().orElse(2),
                ConfigValues.duration(node.get("health-interval"), "workflow-executor.health-interval",
                        DEFAULT_HEALTH_INTERVAL));
    }

    /**
     * Builds the one client Core shares.
     *
     * @return the client
     * @throws IllegalArgumentException naming the {@code workflow-executor} key and the refused value
     */
    WorkflowClient newClient() {
        try {
            return WorkflowClient.builder().baseUri(url).token(token).timeout(timeout)
                    .maxInFlight(maxInFlight).maxRetries(retries).build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("workflow-executor: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "WorkflowExecutorConfig[url=" + url + ", token=" + (token == null ? "none" : "***") + ", timeout="
                + timeout + ", maxInFlight=" + maxInFlight + ", retries=" + retries + ", healthInterval=" + healthInterval + "]";
    }
}

package org.bhiv.executor.adapters;

import java.time.Duration;

import io.helidon.config.Config;

/**
 * One {@code executor.adapters.<name>} config node.
 *
 * @param name     the adapter's name (its action_type)
 * @param provider the provider's config name ({@code sandbox} by default)
 * @param timeout  the longest a provider call may take (5 s by default, at most 60 s)
 * @param node     the whole node, for the provider's own settings
 */
public record AdapterConfig(String name, String provider, Duration timeout, Config node) {

    /** Default provider call timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public AdapterConfig {
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("executor.adapters." + name
                    + ".timeout must be more than 0 and at most 60 s, was " + timeout);
        }
        if (provider.isBlank()) {
            throw new IllegalArgumentException("executor.adapters." + name + ".provider must not be blank");
        }
    }

    /**
     * @param adapters the {@code executor.adapters} node
     * @param name     the adapter's name
     * @return its config with defaults
     */
    public static AdapterConfig create(Config adapters, String name) {
        Config node = adapters.get(name);
        return new AdapterConfig(name,
                node.get("provider").asString().orElse("sandbox").strip(),
                node.get("timeout").as(Duration.class).orElse(DEFAULT_TIMEOUT),
                node);
    }
}

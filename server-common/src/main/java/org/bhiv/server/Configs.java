package org.bhiv.server;

import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * Builds a service's config the way {@code Config.create()} does (system properties, then
 * environment variables, then {@code application.yaml}), with explicit overrides on top. Tests
 * and the end-to-end suite use it to start a service on a random port with its real defaults.
 */
public final class Configs {

    private Configs() {
    }

    /**
     * @param overrides keys that win over every other source, e.g. {@code server.port=0}
     * @return the config
     */
    public static Config create(Map<String, String> overrides) {
        return Config.builder()
                .addSource(ConfigSources.create(overrides))
                .addSource(ConfigSources.systemProperties())
                .addSource(ConfigSources.environmentVariables())
                .addSource(ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .build();
    }
}

package org.bhiv.server;

import java.nio.file.Path;
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

    /**
     * Like {@link #create(Map)}, with the defaults read from a file instead of the classpath.
     * The end-to-end suite uses it: with every service on one classpath, each
     * {@code application.yaml} must be named by its module's path.
     *
     * @param applicationYaml the service's {@code application.yaml}
     * @param overrides       keys that win over every other source
     * @return the config
     */
    public static Config create(Path applicationYaml, Map<String, String> overrides) {
        return Config.builder()
                .addSource(ConfigSources.create(overrides))
                .addSource(ConfigSources.file(applicationYaml))
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .build();
    }
}

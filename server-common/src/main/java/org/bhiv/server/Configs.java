package org.bhiv.server;

import java.nio.file.Path;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * Builds a hermetic config for tests and the end-to-end suite: explicit overrides on top of the
 * service's {@code application.yaml}, and nothing else. Environment variables and system
 * properties of the machine are NOT read (a {@code BUCKET_URL} set in a shell must not change
 * what a test sees); a service's {@code Main} uses {@code Config.create()} for those.
 */
public final class Configs {

    private Configs() {
    }

    /**
     * The overrides on top of the first {@code application.yaml} on the classpath; no environment
     * variables, no system properties.
     *
     * @param overrides keys that win over {@code application.yaml}, e.g. {@code server.port=0}
     * @return the config
     */
    public static Config create(Map<String, String> overrides) {
        return Config.builder()
                .addSource(ConfigSources.create(overrides))
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

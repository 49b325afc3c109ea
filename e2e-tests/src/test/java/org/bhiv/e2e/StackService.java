package org.bhiv.e2e;

import java.util.Map;
import java.util.function.Function;

import io.helidon.config.Config;
import io.helidon.webserver.WebServer;

/**
 * The five services of the stack (the four pillars run here and the console), by module, with the entry point that starts each in-process.
 */
enum StackService {
    KARMA("stubs-karma", "/health", org.bhiv.karma.Main::start),
    BUCKET("stubs-bucket", "/health", org.bhiv.bucket.Main::start),
    CORE("stubs-core", "/health", org.bhiv.core.Main::start),
    EXECUTOR("executor", "/healthz", org.bhiv.executor.Main::start),
    CONSOLE("console", "/observe/health", org.bhiv.console.Main::start);

    private final String module;
    private final String healthPath;
    private final Function<Config, WebServer> starter;

    StackService(String module, String healthPath, Function<Config, WebServer> starter) {
        this.module = module;
        this.healthPath = healthPath;
        this.starter = starter;
    }

    String module() {
        return module;
    }

    String healthPath() {
        return healthPath;
    }

    /**
     * Starts the service with its own {@code application.yaml} under these overrides.
     *
     * @param overrides config keys that win
     * @return the started server
     */
    WebServer start(Map<String, String> overrides) {
        return starter.apply(org.bhiv.server.Configs.create(Repo.applicationYaml(module), overrides));
    }

    static StackService byModule(String module) {
        for (StackService s : values()) {
            if (s.module.equals(module)) {
                return s;
            }
        }
        throw new IllegalArgumentException("No service module " + module);
    }
}

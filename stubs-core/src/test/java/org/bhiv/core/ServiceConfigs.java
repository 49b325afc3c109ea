package org.bhiv.core;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * Config for another service started in this test JVM. Its {@code application.yaml} is read
 * from that service's own jar (or classes directory): the classpath lookup that
 * {@code Configs.create} does would find Core's {@code application.yaml} first.
 */
final class ServiceConfigs {

    private ServiceConfigs() {
    }

    /**
     * @param mainClass the service's {@code Main}
     * @param overrides keys on top of its application.yaml ({@code server.port=0} and no log file are added)
     * @return the config
     */
    static Config of(Class<?> mainClass, Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>(overrides);
        all.put("server.port", "0");
        all.put("logging.file", "");
        return Config.builder()
                .addSource(ConfigSources.create(all))
                .addSource(ConfigSources.url(applicationYaml(mainClass)))
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .build();
    }

    private static URL applicationYaml(Class<?> mainClass) {
        URL location = mainClass.getProtectionDomain().getCodeSource().getLocation();
        try {
            return location.getPath().endsWith(".jar")
                    ? URI.create("jar:" + location + "!/application.yaml").toURL()
                    : URI.create(location + (location.toString().endsWith("/") ? "" : "/") + "application.yaml").toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.bhiv.server;

import java.util.Map;

import io.helidon.config.Config;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A test's config is its overrides plus the classpath application.yaml, whatever the machine sets. */
class ConfigsTest {

    @Test
    void overridesWinOverApplicationYaml() {
        Config config = Configs.create(Map.of("configs-test.overridden", "override"));
        assertThat(config.get("configs-test.overridden").asString().get()).isEqualTo("override");
        assertThat(config.get("configs-test.from-yaml").asString().get()).isEqualTo("yaml");
    }

    @Test
    void systemPropertiesAreNotRead() {
        System.setProperty("configs-test.from-yaml", "sysprop");
        System.setProperty("configs-test.only-sysprop", "sysprop");
        try {
            Config config = Configs.create(Map.of());
            assertThat(config.get("configs-test.from-yaml").asString().get()).isEqualTo("yaml");
            assertThat(config.get("configs-test.only-sysprop").exists()).isFalse();
        } finally {
            System.clearProperty("configs-test.from-yaml");
            System.clearProperty("configs-test.only-sysprop");
        }
    }

    @Test
    void environmentVariablesAreNotRead() {
        // PATH is set on every machine that runs a build.
        assertThat(System.getenv("PATH")).isNotNull();
        assertThat(Configs.create(Map.of()).get("PATH").exists()).isFalse();
    }
}

package org.bhiv.server.auth;

import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokensConfigTest {

    @Test
    void indexedKeysFromEnvironmentOrPropertiesProvideTheTokenList() {
        Config config = Config.builder()
                .addSource(ConfigSources.create(Map.of(
                        "security.tokens.0.token", "core-secret",
                        "security.tokens.0.identity", "bhiv_core",
                        "security.tokens.1.token", "exec-secret",
                        "security.tokens.1.identity", "workflow_executor")))
                .addSource(ConfigSources.create("server:\n  port: 0\n", io.helidon.common.media.type.MediaTypes.APPLICATION_X_YAML))
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .build();
        Tokens tokens = Tokens.create(config.get("security"));
        assertThat(tokens.open()).isFalse();
        assertThat(tokens.identityOf("core-secret")).contains("bhiv_core");
        assertThat(tokens.identityOf("exec-secret")).contains("workflow_executor");
    }

    @Test
    void blankTokensFromUnsetVariablesAreIgnored() {
        Config config = Config.just(ConfigSources.create(Map.of(
                "security.tokens.0.token", "",
                "security.tokens.0.identity", "bhiv_core")));
        assertThat(Tokens.create(config.get("security")).open()).isTrue();
    }
}

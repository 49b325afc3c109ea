package org.bhiv.executor.adapters.provider;

import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.EnvironmentVariables;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The environment variable names the docs give for real provider settings are the ones Helidon
 * really maps to those keys, and the ones start-up messages name.
 */
class ProviderEnvironmentTest {

    private static final Map<String, String> DOCUMENTED = Map.ofEntries(
            Map.entry("EXECUTOR_ADAPTERS_WHATSAPP_PROVIDER", "executor.adapters.whatsapp.provider"),
            Map.entry("EXECUTOR_ADAPTERS_WHATSAPP_CLOUD_dash_API_BASE_dash_URL", "executor.adapters.whatsapp.cloud-api.base-url"),
            Map.entry("EXECUTOR_ADAPTERS_WHATSAPP_CLOUD_dash_API_PHONE_dash_NUMBER_dash_ID",
                    "executor.adapters.whatsapp.cloud-api.phone-number-id"),
            Map.entry("EXECUTOR_ADAPTERS_WHATSAPP_CLOUD_dash_API_TOKEN", "executor.adapters.whatsapp.cloud-api.token"),
            Map.entry("EXECUTOR_ADAPTERS_EMAIL_SMTP_HOST", "executor.adapters.email.smtp.host"),
            Map.entry("EXECUTOR_ADAPTERS_EMAIL_SMTP_PASSWORD", "executor.adapters.email.smtp.password"),
            Map.entry("EXECUTOR_ADAPTERS_AI_OPENAI_API_dash_KEY", "executor.adapters.ai.openai.api-key"),
            Map.entry("EXECUTOR_ADAPTERS_AI_OPENAI_MODEL", "executor.adapters.ai.openai.model"));

    @Test
    void eachDocumentedEnvironmentVariableSetsItsKeyAndIsTheNameStartUpMessagesGive() {
        DOCUMENTED.forEach((env, key) -> {
            Config config = Config.just(ConfigSources.create(EnvironmentVariables.expand(Map.of(env, "value-of-" + env))));
            assertThat(config.get(key).asString().asOptional()).as(env).hasValue("value-of-" + env);
            assertThat(ProviderSettings.envName(key)).as(key).isEqualTo(env);
        });
    }
}

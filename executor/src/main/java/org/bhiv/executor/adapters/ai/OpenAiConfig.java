package org.bhiv.executor.adapters.ai;

import java.net.URI;
import java.time.Duration;

import org.bhiv.executor.adapters.AdapterConfig;
import org.bhiv.executor.adapters.provider.ProviderSettings;
import org.bhiv.executor.adapters.provider.Secret;

/**
 * {@code executor.adapters.ai.openai}: an OpenAI-compatible chat completions API.
 *
 * @param baseUrl        {@code base-url}, e.g. {@code https://api.openai.com/v1} (required)
 * @param apiKey         {@code api-key} (required; give it by {@code EXECUTOR_ADAPTERS_AI_OPENAI_API_dash_KEY})
 * @param model          {@code model}, e.g. {@code gpt-4o-mini} (required)
 * @param connectTimeout {@code connect-timeout} (2 s, at most the adapter's timeout)
 * @param readTimeout    {@code read-timeout} (the adapter's timeout, at most that)
 */
public record OpenAiConfig(URI baseUrl, Secret apiKey, String model, Duration connectTimeout, Duration readTimeout) {

    /** The provider's config name. */
    public static final String NAME = "openai";

    /**
     * @param adapter the ai adapter's config
     * @return the settings
     * @throws IllegalArgumentException naming the key of a missing or invalid setting
     */
    public static OpenAiConfig create(AdapterConfig adapter) {
        var settings = ProviderSettings.of(adapter, NAME);
        return new OpenAiConfig(settings.baseUrl("base-url"), settings.requiredSecret("api-key"),
                settings.required("model"), settings.connectTimeout(), settings.readTimeout());
    }

    /** @return {@code {base-url}/chat/completions} */
    URI completionsUri() {
        return URI.create(baseUrl + "/chat/completions");
    }
}

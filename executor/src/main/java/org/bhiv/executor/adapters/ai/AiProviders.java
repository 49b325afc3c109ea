package org.bhiv.executor.adapters.ai;

import org.bhiv.executor.adapters.Provider;
import org.bhiv.executor.adapters.ProviderFactory;

/**
 * The AI providers by config name: {@code sandbox} (the default) and {@code openai} (an
 * OpenAI-compatible chat completions API, {@link OpenAiConfig}).
 */
public final class AiProviders {

    /** Providers known by name. */
    public static final ProviderFactory<Provider<AiRequest, AiReply>> FACTORY =
            ProviderFactory.<Provider<AiRequest, AiReply>>builder("ai")
                    .add("sandbox", SandboxAiProvider::new)
                    .add(OpenAiConfig.NAME, OpenAiProvider::new)
                    .build();

    private AiProviders() {
    }
}

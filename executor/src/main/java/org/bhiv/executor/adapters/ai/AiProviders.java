package org.bhiv.executor.adapters.ai;

import org.bhiv.executor.adapters.Provider;
import org.bhiv.executor.adapters.ProviderFactory;

/**
 * The AI providers by config name. A real provider (OpenAI-compatible chat completions) is
 * added here with one {@code add} line; the adapter does not change.
 */
public final class AiProviders {

    /** Providers known by name. */
    public static final ProviderFactory<Provider<AiRequest, AiReply>> FACTORY =
            ProviderFactory.<Provider<AiRequest, AiReply>>builder("ai")
                    .add("sandbox", SandboxAiProvider::new)
                    .build();

    private AiProviders() {
    }
}

package org.bhiv.executor.adapters.ai;

import java.util.LinkedHashMap;

import org.bhiv.executor.adapters.PayloadFields;
import org.bhiv.executor.adapters.provider.Provider;
import org.bhiv.executor.adapters.provider.ProviderContext;
import org.bhiv.executor.adapters.provider.ProviderFactory;
import org.bhiv.executor.adapters.sandbox.SandboxProvider;

/**
 * The AI providers by config name: {@code sandbox} (the default) and {@code openai} (an
 * OpenAI-compatible chat completions API, {@link OpenAiConfig}).
 */
public final class AiProviders {

    /** Providers known by name. */
    public static final ProviderFactory<Provider<AiRequest, AiReply>> FACTORY =
            ProviderFactory.<Provider<AiRequest, AiReply>>builder("ai")
                    .add("sandbox", AiProviders::sandbox)
                    .add(OpenAiConfig.NAME, OpenAiProvider::new)
                    .build();

    /** The model the sandbox says it is. */
    static final String SANDBOX_MODEL = "sandbox-echo";

    private AiProviders() {
    }

    /** Calls no model: records the prompt it would have sent and answers a fixed, deterministic text. */
    private static Provider<AiRequest, AiReply> sandbox(ProviderContext context) {
        return SandboxProvider.of("ai", context, request -> {
            var content = new LinkedHashMap<String, Object>();
            content.put("model", SANDBOX_MODEL);
            content.put("prompt", request.prompt());
            return new SandboxProvider.Send(request.traceId(), request.requestId(), content);
        }, request -> new AiReply("Sandbox answer to a prompt of " + PayloadFields.length(request.prompt())
                + " characters (request " + request.requestId() + ").", SANDBOX_MODEL));
    }
}

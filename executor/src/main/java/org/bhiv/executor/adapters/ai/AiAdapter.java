package org.bhiv.executor.adapters.ai;

import java.time.Clock;
import java.util.LinkedHashMap;

import org.bhiv.executor.adapters.Adapter;
import org.bhiv.executor.adapters.AdapterCall;
import org.bhiv.executor.adapters.AdapterConfig;
import org.bhiv.executor.adapters.AdapterOutcome;
import org.bhiv.executor.adapters.PayloadFields;
import org.bhiv.executor.adapters.provider.Provider;
import org.bhiv.executor.adapters.provider.ProviderCalls;
import org.bhiv.executor.adapters.provider.ProviderContext;

/**
 * {@code ai}: {@code prompt} (1..32768 characters); answers {@code request_id},
 * {@code prompt}, {@code response}, {@code model}, {@code health: OK}, {@code requested_at}.
 */
public final class AiAdapter implements Adapter {

    /** Longest accepted prompt, in characters. */
    public static final int MAX_PROMPT = 32 * 1024;

    private final AdapterConfig config;
    private final Provider<AiRequest, AiReply> provider;
    private final Clock clock;

    /**
     * @param config   the adapter's config
     * @param provider the model provider
     * @param clock    the clock for {@code requested_at}
     */
    public AiAdapter(AdapterConfig config, Provider<AiRequest, AiReply> provider, Clock clock) {
        this.config = config;
        this.provider = provider;
        this.clock = clock;
    }

    /**
     * @param context config and shared collaborators; the provider is picked by config name
     * @return the adapter
     */
    public static AiAdapter create(ProviderContext context) {
        return new AiAdapter(context.config(), AiProviders.FACTORY.create(context), context.clock());
    }

    @Override
    public String actionType() {
        return "ai";
    }

    @Override
    public AdapterOutcome execute(AdapterCall call) {
        var prompt = PayloadFields.text(call.payload(), "prompt");
        if (prompt.isEmpty()) {
            return new AdapterOutcome.Invalid("missing_prompt", "prompt is required and must be a non-empty string.");
        }
        if (PayloadFields.length(prompt.get()) > MAX_PROMPT) {
            return new AdapterOutcome.Invalid("prompt_too_long", "prompt must be at most " + MAX_PROMPT + " characters.");
        }
        String requestedAt = clock.instant().toString();
        var request = new AiRequest(call.traceId(), call.id("ai_"), prompt.get());
        return ProviderCalls.outcome(config, provider, request, call.effects(), reply -> {
            var fields = new LinkedHashMap<String, Object>();
            fields.put("request_id", request.requestId());
            fields.put("prompt", request.prompt());
            fields.put("response", reply.response());
            fields.put("model", reply.model());
            fields.put("health", "OK");
            fields.put("requested_at", requestedAt);
            return fields;
        });
    }

    @Override
    public boolean reachesOutside() {
        return provider.reachesOutside();
    }
}

package org.bhiv.executor.adapters.ai;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.executor.adapters.provider.Effects;
import org.bhiv.executor.adapters.provider.Provider;
import org.bhiv.executor.adapters.provider.ProviderContext;
import org.bhiv.executor.adapters.provider.ProviderHttp;
import org.bhiv.server.Json;

/**
 * Asks an OpenAI-compatible chat completions API: {@code POST {base-url}/chat/completions} with
 * {@code Authorization: Bearer <api-key>} and
 * {@code {"model": ..., "messages": [{"role": "user", "content": prompt}]}}; answers
 * {@code choices[0].message.content} and the {@code model} the API reports (the configured one
 * when it reports none). Errors are classified by HTTP status only (the API's own error codes
 * are not WhatsApp's); a 2xx without an answer text counts as an unusable
 * answer ({@code provider_unavailable}, retryable).
 */
final class OpenAiProvider implements Provider<AiRequest, AiReply> {

    private final OpenAiConfig config;
    private final ProviderHttp http;

    OpenAiProvider(ProviderContext context) {
        this(OpenAiConfig.create(context.config()));
    }

    OpenAiProvider(OpenAiConfig config) {
        this.config = config;
        this.http = new ProviderHttp(config.connectTimeout(), config.readTimeout());
    }

    @Override
    public AiReply call(AiRequest request, Effects effects) throws Exception {
        ObjectNode body = Json.mapper().createObjectNode().put("model", config.model());
        body.putArray("messages").addObject().put("role", "user").put("content", request.prompt());
        JsonNode answer = http.postJson(config.completionsUri(), config.apiKey(), body, error -> null);
        JsonNode content = answer.path("choices").path(0).path("message").path("content");
        if (!content.isTextual()) {
            throw new IOException("the chat completions answer has no choices[0].message.content");
        }
        return new AiReply(content.asText(), ProviderHttp.shortText(answer.path("model")).orElse(config.model()));
    }
}

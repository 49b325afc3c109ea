package org.bhiv.executor.adapters.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.executor.adapters.provider.Effects;
import org.bhiv.executor.adapters.provider.Provider;
import org.bhiv.executor.adapters.provider.ProviderContext;
import org.bhiv.executor.adapters.provider.ProviderHttp;
import org.bhiv.server.Json;

/**
 * Sends a text message through the WhatsApp Cloud API:
 * {@code POST {base-url}/{phone-number-id}/messages} with the bearer token and
 * {@code {"messaging_product":"whatsapp","to":"<digits>","type":"text","text":{"body":"..."}}}.
 * Answers the Cloud API's message id ({@code messages[0].id}), or the deterministic one when the
 * answer has none. An error answer's {@code error.code} (e.g. 131047, 130429) goes to the
 * classification with the HTTP status and {@code Retry-After}.
 */
final class CloudApiWhatsAppProvider implements Provider<WhatsAppMessage, String> {

    private final CloudApiConfig config;
    private final ProviderHttp http;

    CloudApiWhatsAppProvider(ProviderContext context) {
        this(CloudApiConfig.create(context.config()));
    }

    CloudApiWhatsAppProvider(CloudApiConfig config) {
        this.config = config;
        this.http = new ProviderHttp(config.connectTimeout(), config.readTimeout());
    }

    @Override
    public String call(WhatsAppMessage request, Effects effects) throws Exception {
        ObjectNode body = Json.mapper().createObjectNode()
                .put("messaging_product", "whatsapp")
                .put("to", request.recipient().substring(1))
                .put("type", "text");
        body.putObject("text").put("body", request.message());
        JsonNode answer = http.postJson(config.messagesUri(), config.token(), body,
                error -> error.path("error").path("code").isValueNode() ? error.path("error").path("code").asText() : null);
        return ProviderHttp.shortText(answer.path("messages").path(0).path("id")).orElse(request.messageId());
    }
}

package org.bhiv.executor.adapters.whatsapp;

import java.util.LinkedHashMap;

import org.bhiv.executor.adapters.provider.Provider;
import org.bhiv.executor.adapters.provider.ProviderContext;
import org.bhiv.executor.adapters.provider.ProviderFactory;
import org.bhiv.executor.adapters.sandbox.SandboxProvider;

/**
 * The WhatsApp providers by config name: {@code sandbox} (the default) and {@code cloud-api}
 * (the WhatsApp Cloud API, {@link CloudApiConfig}).
 */
public final class WhatsAppProviders {

    /** Providers known by name; the answer is the provider's message identifier. */
    public static final ProviderFactory<Provider<WhatsAppMessage, String>> FACTORY =
            ProviderFactory.<Provider<WhatsAppMessage, String>>builder("whatsapp")
                    .add("sandbox", WhatsAppProviders::sandbox)
                    .add(CloudApiConfig.NAME, CloudApiWhatsAppProvider::new)
                    .build();

    private WhatsAppProviders() {
    }

    /** Sends nothing: records the message it would have sent and answers with its identifier. */
    private static Provider<WhatsAppMessage, String> sandbox(ProviderContext context) {
        return SandboxProvider.of("whatsapp", context, message -> {
            var content = new LinkedHashMap<String, Object>();
            content.put("to", message.recipient());
            content.put("type", "text");
            content.put("text", message.message());
            return new SandboxProvider.Send(message.traceId(), message.messageId(), content);
        }, WhatsAppMessage::messageId);
    }
}

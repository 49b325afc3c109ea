package org.bhiv.executor.adapters.whatsapp;

import java.util.LinkedHashMap;

import org.bhiv.executor.adapters.ProviderContext;
import org.bhiv.executor.adapters.SandboxProvider;
import org.bhiv.executor.adapters.Provider;
import org.bhiv.executor.adapters.ProviderFactory;

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

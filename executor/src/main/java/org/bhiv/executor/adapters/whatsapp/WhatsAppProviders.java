package org.bhiv.executor.adapters.whatsapp;

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
                    .add("sandbox", SandboxWhatsAppProvider::new)
                    .add(CloudApiConfig.NAME, CloudApiWhatsAppProvider::new)
                    .build();

    private WhatsAppProviders() {
    }
}

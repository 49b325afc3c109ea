package org.bhiv.executor.adapters.whatsapp;

import org.bhiv.executor.adapters.Provider;
import org.bhiv.executor.adapters.ProviderFactory;

/**
 * The WhatsApp providers by config name. A real provider (WhatsApp Cloud API) is added here
 * with one {@code add} line; the adapter does not change.
 */
public final class WhatsAppProviders {

    /** Providers known by name; the answer is the provider's message identifier. */
    public static final ProviderFactory<Provider<WhatsAppMessage, String>> FACTORY =
            ProviderFactory.<Provider<WhatsAppMessage, String>>builder("whatsapp")
                    .add("sandbox", SandboxWhatsAppProvider::new)
                    .build();

    private WhatsAppProviders() {
    }
}

package org.bhiv.executor.adapters.email;

import org.bhiv.executor.adapters.Provider;
import org.bhiv.executor.adapters.ProviderFactory;

/**
 * The email providers by config name. A real provider (SMTP) is added here with one
 * {@code add} line; the adapter does not change.
 */
public final class EmailProviders {

    /** Providers known by name; the answer is the provider's message identifier. */
    public static final ProviderFactory<Provider<EmailMessage, String>> FACTORY =
            ProviderFactory.<Provider<EmailMessage, String>>builder("email")
                    .add("sandbox", SandboxEmailProvider::new)
                    .build();

    private EmailProviders() {
    }
}

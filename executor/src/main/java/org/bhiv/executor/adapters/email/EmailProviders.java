package org.bhiv.executor.adapters.email;

import org.bhiv.executor.adapters.Provider;
import org.bhiv.executor.adapters.ProviderFactory;

/**
 * The email providers by config name: {@code sandbox} (the default) and {@code smtp}
 * (an SMTP server, {@link SmtpConfig}).
 */
public final class EmailProviders {

    /** Providers known by name; the answer is the provider's message identifier. */
    public static final ProviderFactory<Provider<EmailMessage, String>> FACTORY =
            ProviderFactory.<Provider<EmailMessage, String>>builder("email")
                    .add("sandbox", SandboxEmailProvider::new)
                    .add(SmtpConfig.NAME, SmtpEmailProvider::new)
                    .build();

    private EmailProviders() {
    }
}

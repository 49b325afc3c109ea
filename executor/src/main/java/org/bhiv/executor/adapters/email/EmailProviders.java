package org.bhiv.executor.adapters.email;

import java.util.LinkedHashMap;

import org.bhiv.executor.adapters.provider.Provider;
import org.bhiv.executor.adapters.provider.ProviderContext;
import org.bhiv.executor.adapters.provider.ProviderFactory;
import org.bhiv.executor.adapters.sandbox.SandboxProvider;

/**
 * The email providers by config name: {@code sandbox} (the default) and {@code smtp}
 * (an SMTP server, {@link SmtpConfig}).
 */
public final class EmailProviders {

    /** Providers known by name; the answer is the provider's message identifier. */
    public static final ProviderFactory<Provider<EmailMessage, String>> FACTORY =
            ProviderFactory.<Provider<EmailMessage, String>>builder("email")
                    .add("sandbox", EmailProviders::sandbox)
                    .add(SmtpConfig.NAME, SmtpEmailProvider::new)
                    .build();

    private EmailProviders() {
    }

    /** Sends nothing: records the email it would have sent and answers with its identifier. */
    private static Provider<EmailMessage, String> sandbox(ProviderContext context) {
        return SandboxProvider.of("email", context, message -> {
            var content = new LinkedHashMap<String, Object>();
            content.put("to", message.recipient());
            content.put("subject", message.subject());
            content.put("body", message.body());
            return new SandboxProvider.Send(message.traceId(), message.messageId(), content);
        }, EmailMessage::messageId);
    }
}

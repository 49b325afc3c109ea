package org.bhiv.executor.adapters.email;

import java.time.Duration;
import java.util.Properties;
import java.util.Set;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.bhiv.executor.adapters.AdapterConfig;
import org.bhiv.executor.adapters.provider.ProviderSettings;
import org.bhiv.executor.adapters.provider.Secret;

/**
 * {@code executor.adapters.email.smtp}: the SMTP server's settings.
 *
 * @param host           {@code host} (required)
 * @param port           {@code port} (25 for {@code none}, 587 for {@code starttls}, 465 for {@code tls})
 * @param security       {@code security}: {@code none}, {@code starttls} (the default; STARTTLS is
 *                       required, not opportunistic) or {@code tls} (implicit TLS)
 * @param username       {@code username}; empty = no authentication
 * @param password       {@code password}, required with a username (give it by
 *                       {@code EXECUTOR_ADAPTERS_EMAIL_SMTP_PASSWORD})
 * @param from           {@code from}, the sender address (required)
 * @param connectTimeout {@code connect-timeout} (2 s, at most the adapter's timeout)
 * @param readTimeout    {@code read-timeout}, for each read and write (the adapter's timeout)
 */
public record SmtpConfig(String host, int port, String security, String username, Secret password,
                         InternetAddress from, Duration connectTimeout, Duration readTimeout) {

    /** The provider's config name. */
    public static final String NAME = "smtp";

    /**
     * @param adapter the email adapter's config
     * @return the settings
     * @throws IllegalArgumentException naming the key of a missing or invalid setting
     */
    public static SmtpConfig create(AdapterConfig adapter) {
        var settings = ProviderSettings.of(adapter, NAME);
        String host = settings.required("host");
        String security = settings.oneOf("security", "starttls", Set.of("none", "starttls", "tls"));
        int defaultPort = switch (security) {
            case "none" -> 25;
            case "tls" -> 465;
            default -> 587;
        };
        String username = settings.optional("username").orElse("");
        Secret password = username.isEmpty() ? settings.optionalSecret("password") : settings.requiredSecret("password");
        if (!username.isEmpty() && security.equals("none")
                && !settings.oneOf("allow-plaintext-auth", "false", Set.of("true", "false")).equals("true")) {
            throw settings.invalid("username", "needs security starttls or tls: with none the password crosses the "
                    + "network in clear text (set allow-plaintext-auth: true to accept that, e.g. for a local relay)");
        }
        InternetAddress from;
        try {
            from = new InternetAddress(settings.required("from"), true);
        } catch (AddressException e) {
            throw settings.invalid("from", "must be an email address");
        }
        return new SmtpConfig(host, settings.integer("port", defaultPort, 1, 65535), security, username, password,
                from, settings.connectTimeout(), settings.readTimeout());
    }

    /** @return the Jakarta Mail session properties (never the password) */
    Properties sessionProperties() {
        var props = new Properties();
        props.put("mail.transport.protocol", "smtp");
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", Integer.toString(port));
        props.put("mail.smtp.from", from.getAddress());
        props.put("mail.smtp.auth", Boolean.toString(!username.isEmpty()));
        props.put("mail.smtp.connectiontimeout", Long.toString(connectTimeout.toMillis()));
        props.put("mail.smtp.timeout", Long.toString(readTimeout.toMillis()));
        props.put("mail.smtp.writetimeout", Long.toString(readTimeout.toMillis()));
        props.put("mail.smtp.starttls.enable", Boolean.toString(security.equals("starttls")));
        props.put("mail.smtp.starttls.required", Boolean.toString(security.equals("starttls")));
        props.put("mail.smtp.ssl.enable", Boolean.toString(security.equals("tls")));
        props.put("mail.smtp.ssl.checkserveridentity", "true");
        return props;
    }
}

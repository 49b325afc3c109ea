package org.bhiv.executor.adapters.whatsapp;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

import org.bhiv.executor.adapters.AdapterConfig;
import org.bhiv.executor.adapters.provider.ProviderSettings;
import org.bhiv.executor.adapters.provider.Secret;

/**
 * {@code executor.adapters.whatsapp.cloud-api}: the WhatsApp Cloud API's settings.
 *
 * @param baseUrl        {@code base-url}, the Graph API with its version, e.g.
 *                       {@code https://graph.facebook.com/v21.0} (required)
 * @param phoneNumberId  {@code phone-number-id}, the sending number's id, digits (required)
 * @param token          {@code token}, the access token (required; give it by
 *                       {@code EXECUTOR_ADAPTERS_WHATSAPP_CLOUD_dash_API_TOKEN})
 * @param connectTimeout {@code connect-timeout} (2 s, at most the adapter's timeout)
 * @param readTimeout    {@code read-timeout} (the adapter's timeout, at most that)
 */
public record CloudApiConfig(URI baseUrl, String phoneNumberId, Secret token, Duration connectTimeout,
                             Duration readTimeout) {

    /** The provider's config name. */
    public static final String NAME = "cloud-api";
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,32}");

    /**
     * @param adapter the whatsapp adapter's config
     * @return the settings
     * @throws IllegalArgumentException naming the key of a missing or invalid setting
     */
    public static CloudApiConfig create(AdapterConfig adapter) {
        var settings = ProviderSettings.of(adapter, NAME);
        URI baseUrl = settings.baseUrl("base-url");
        String phoneNumberId = settings.required("phone-number-id");
        if (!DIGITS.matcher(phoneNumberId).matches()) {
            throw settings.invalid("phone-number-id", "must be the phone number's numeric id");
        }
        return new CloudApiConfig(baseUrl, phoneNumberId, settings.requiredSecret("token"),
                settings.connectTimeout(), settings.readTimeout());
    }

    /** @return {@code {base-url}/{phone-number-id}/messages} */
    URI messagesUri() {
        return URI.create(baseUrl + "/" + phoneNumberId + "/messages");
    }
}

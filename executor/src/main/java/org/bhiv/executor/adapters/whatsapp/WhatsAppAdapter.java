package org.bhiv.executor.adapters.whatsapp;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.regex.Pattern;

import org.bhiv.executor.adapters.Adapter;
import org.bhiv.executor.adapters.AdapterCall;
import org.bhiv.executor.adapters.AdapterConfig;
import org.bhiv.executor.adapters.AdapterOutcome;
import org.bhiv.executor.adapters.PayloadFields;
import org.bhiv.executor.adapters.provider.Provider;
import org.bhiv.executor.adapters.provider.ProviderCalls;
import org.bhiv.executor.adapters.provider.ProviderContext;

/**
 * {@code whatsapp}: {@code recipient} (E.164: {@code +} and 8-15 digits), then {@code message}
 * (1..4096 characters); answers {@code whatsapp_message_id}, {@code recipient},
 * {@code message}, {@code status: SENT}, {@code sent_at}, and {@code provider_message_id} when the
 * provider has its own message id (the Cloud API's {@code wamid...}; the sandbox has none).
 */
public final class WhatsAppAdapter implements Adapter {

    /** Longest accepted message, in characters. */
    public static final int MAX_MESSAGE = 4096;
    private static final Pattern E164 = Pattern.compile("\\+[0-9]{8,15}");

    private final AdapterConfig config;
    private final Provider<WhatsAppMessage, String> provider;
    private final Clock clock;

    /**
     * @param config   the adapter's config
     * @param provider the provider to send through
     * @param clock    the clock for {@code sent_at}
     */
    public WhatsAppAdapter(AdapterConfig config, Provider<WhatsAppMessage, String> provider, Clock clock) {
        this.config = config;
        this.provider = provider;
        this.clock = clock;
    }

    /**
     * @param context config and shared collaborators; the provider is picked by config name
     * @return the adapter
     */
    public static WhatsAppAdapter create(ProviderContext context) {
        return new WhatsAppAdapter(context.config(), WhatsAppProviders.FACTORY.create(context), context.clock());
    }

    @Override
    public String actionType() {
        return "whatsapp";
    }

    @Override
    public AdapterOutcome execute(AdapterCall call) {
        var payload = call.payload();
        if (PayloadFields.isWrongType(payload, "recipient")) {
            return new AdapterOutcome.Invalid("invalid_recipient", "recipient must be a string.");
        }
        var recipient = PayloadFields.text(payload, "recipient");
        if (recipient.isEmpty()) {
            return new AdapterOutcome.Invalid("missing_recipient", "recipient is required.");
        }
        if (!E164.matcher(recipient.get()).matches()) {
            return new AdapterOutcome.Invalid("invalid_recipient",
                    "recipient must be an E.164 phone number: + and 8 to 15 digits.");
        }
        var message = PayloadFields.text(payload, "message");
        if (message.isEmpty()) {
            return new AdapterOutcome.Invalid("missing_message", "message is required and must be a non-empty string.");
        }
        if (PayloadFields.length(message.get()) > MAX_MESSAGE) {
            return new AdapterOutcome.Invalid("message_too_long", "message must be at most " + MAX_MESSAGE + " characters.");
        }
        var request = new WhatsAppMessage(call.traceId(), call.id("wa_"), recipient.get(), message.get());
        return ProviderCalls.outcome(config, provider, request, call.effects(), providerMessageId -> {
            var fields = new LinkedHashMap<String, Object>();
            fields.put("whatsapp_message_id", request.messageId());
            fields.put("recipient", request.recipient());
            fields.put("message", request.message());
            fields.put("status", "SENT");
            fields.put("sent_at", clock.instant().toString());
            if (providerMessageId != null && !providerMessageId.equals(request.messageId())) {
                fields.put("provider_message_id", providerMessageId);
            }
            return fields;
        });
    }

    @Override
    public boolean reachesOutside() {
        return provider.reachesOutside();
    }
}

package org.bhiv.executor.adapters.email;

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
import org.bhiv.server.TextRules;

/**
 * {@code email}: {@code recipient} (an address), then {@code subject} (one header line), then {@code body};
 * answers {@code message_id}, {@code recipient}, {@code subject}, {@code status: SENT},
 * {@code sent_at}.
 */
public final class EmailAdapter implements Adapter {

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final int MAX_ADDRESS = 254;
    /** RFC 5322's line limit: a subject is one header line, so no line breaks and no longer. */
    public static final int MAX_SUBJECT = 998;

    private final AdapterConfig config;
    private final Provider<EmailMessage, String> provider;
    private final Clock clock;

    /**
     * @param config   the adapter's config
     * @param provider the provider to send through
     * @param clock    the clock for {@code sent_at}
     */
    public EmailAdapter(AdapterConfig config, Provider<EmailMessage, String> provider, Clock clock) {
        this.config = config;
        this.provider = provider;
        this.clock = clock;
    }

    /**
     * @param context config and shared collaborators; the provider is picked by config name
     * @return the adapter
     */
    public static EmailAdapter create(ProviderContext context) {
        return new EmailAdapter(context.config(), EmailProviders.FACTORY.create(context), context.clock());
    }

    @Override
    public String actionType() {
        return "email";
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
        // The address ends up in RCPT TO and a header: no control or format character (a U+0000
        // at its end would be echoed here while the mail goes to the address before it).
        if (recipient.get().length() > MAX_ADDRESS || !ADDRESS.matcher(recipient.get()).matches()
                || !TextRules.printable(recipient.get())) {
            return new AdapterOutcome.Invalid("invalid_recipient", "recipient must be an email address.");
        }
        var subject = PayloadFields.text(payload, "subject");
        if (subject.isEmpty()) {
            return new AdapterOutcome.Invalid("missing_subject", "subject is required and must be a non-empty string.");
        }
        if (PayloadFields.length(subject.get()) > MAX_SUBJECT || !TextRules.printable(subject.get())) {
            return new AdapterOutcome.Invalid("invalid_subject",
                    "subject must be one line (no control characters) of at most " + MAX_SUBJECT + " characters.");
        }
        var body = PayloadFields.text(payload, "body");
        if (body.isEmpty()) {
            return new AdapterOutcome.Invalid("missing_body", "body is required and must be a non-empty string.");
        }
        var request = new EmailMessage(call.traceId(), call.id("email_"), recipient.get(), subject.get(), body.get());
        return ProviderCalls.outcome(config, provider, request, call.effects(), sent -> {
            var fields = new LinkedHashMap<String, Object>();
            fields.put("message_id", request.messageId());
            fields.put("recipient", request.recipient());
            fields.put("subject", request.subject());
            fields.put("status", "SENT");
            fields.put("sent_at", clock.instant().toString());
            return fields;
        });
    }

    @Override
    public boolean reachesOutside() {
        return provider.reachesOutside();
    }
}

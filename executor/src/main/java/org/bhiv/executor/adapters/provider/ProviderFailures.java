package org.bhiv.executor.adapters.provider;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * The one place where provider failures are classified (section 3.3):
 * <ul>
 *     <li>HTTP 429, WhatsApp codes 130429 and 131056: {@code provider_rate_limited}, retryable;</li>
 *     <li>connection failures ({@link IOException}), timeouts, HTTP 5xx, SMTP 4xx:
 *     {@code provider_unavailable}, retryable;</li>
 *     <li>other HTTP 4xx, WhatsApp codes 131047 and 131026, SMTP 5xx: {@code provider_rejected},
 *     not retryable.</li>
 * </ul>
 * Anything else is not a provider failure but a defect, reported as {@code internal_execution_error}.
 */
public final class ProviderFailures {

    private static final Set<String> RATE_LIMIT_CODES = Set.of("130429", "131056");
    private static final Set<String> REJECTED_CODES = Set.of("131047", "131026");

    private ProviderFailures() {
    }

    /**
     * @param thrown what the provider threw
     * @return its class, or empty when it is not a provider failure
     */
    public static Optional<ProviderFailure> classify(Throwable thrown) {
        if (thrown instanceof ProviderException e) {
            return Optional.of(classify(e));
        }
        if (thrown instanceof TimeoutException || thrown instanceof java.net.http.HttpTimeoutException
                || thrown instanceof java.net.SocketTimeoutException) {
            return Optional.of(ProviderFailure.unavailable("The provider did not answer in time."));
        }
        if (thrown instanceof IOException) {
            return Optional.of(ProviderFailure.unavailable("The provider could not be reached."));
        }
        return Optional.empty();
    }

    private static ProviderFailure classify(ProviderException e) {
        String vendor = e.vendorCode().orElse("");
        if (RATE_LIMIT_CODES.contains(vendor)) {
            return ProviderFailure.rateLimited(e.retryAfter(), "The provider limited the rate (code " + vendor + ").");
        }
        if (REJECTED_CODES.contains(vendor)) {
            return ProviderFailure.rejected("The provider refused the request (code " + vendor + ").");
        }
        if (e.smtpReply().isPresent()) {
            int reply = e.smtpReply().get();
            return reply >= 500
                    ? ProviderFailure.rejected("The mail server refused the message (" + reply + ").")
                    : ProviderFailure.unavailable("The mail server is unavailable (" + reply + ").");
        }
        int status = e.httpStatus().orElse(0);
        if (status == 429) {
            return ProviderFailure.rateLimited(e.retryAfter(), "The provider limited the rate (HTTP 429).");
        }
        if (status >= 400 && status < 500) {
            return ProviderFailure.rejected("The provider refused the request (HTTP " + status + ").");
        }
        return ProviderFailure.unavailable(status >= 500
                ? "The provider is unavailable (HTTP " + status + ")."
                : "The provider failed.");
    }
}

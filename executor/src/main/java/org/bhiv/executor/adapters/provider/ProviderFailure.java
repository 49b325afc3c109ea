package org.bhiv.executor.adapters.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * A classified provider failure (section 3.3 "Provider error classes").
 *
 * @param errorCode  {@code provider_unavailable}, {@code provider_rejected} or {@code provider_rate_limited}
 * @param retryable  whether trying again later may succeed
 * @param retryAfter how long the provider asked us to wait, if it said
 * @param reason     one safe sentence for the result's message (no secrets, no provider text)
 */
public record ProviderFailure(String errorCode, boolean retryable, Optional<Duration> retryAfter, String reason) {

    /** Connection failures, timeouts, 5xx. */
    public static final String UNAVAILABLE = "provider_unavailable";
    /** Other 4xx, refused recipients, SMTP 5xx. */
    public static final String REJECTED = "provider_rejected";
    /** 429 and the vendor's rate-limit codes. */
    public static final String RATE_LIMITED = "provider_rate_limited";

    static ProviderFailure unavailable(String reason) {
        return new ProviderFailure(UNAVAILABLE, true, Optional.empty(), reason);
    }

    static ProviderFailure rejected(String reason) {
        return new ProviderFailure(REJECTED, false, Optional.empty(), reason);
    }

    static ProviderFailure rateLimited(Optional<Duration> retryAfter, String reason) {
        return new ProviderFailure(RATE_LIMITED, true, retryAfter, reason);
    }
}

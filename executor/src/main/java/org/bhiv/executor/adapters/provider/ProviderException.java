package org.bhiv.executor.adapters.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * What a provider's far side answered when it refused or failed: an HTTP status (with the
 * vendor's error code, e.g. WhatsApp's {@code 131056}, and {@code Retry-After}) or an SMTP
 * reply code. It carries facts only; {@link ProviderFailures} decides what they mean. Its
 * message must never contain secrets; it is never shown to callers either way.
 */
public final class ProviderException extends Exception {

    private final int httpStatus;
    private final String vendorCode;
    private final int smtpReply;
    private final Duration retryAfter;

    private ProviderException(String message, int httpStatus, String vendorCode, int smtpReply, Duration retryAfter) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.vendorCode = vendorCode;
        this.smtpReply = smtpReply;
        this.retryAfter = retryAfter;
    }

    /**
     * @param status     the HTTP status the provider answered
     * @param vendorCode the vendor's error code from the body, or {@code null}
     * @param retryAfter the {@code Retry-After} it sent, or {@code null}
     * @return the exception
     */
    public static ProviderException http(int status, String vendorCode, Duration retryAfter) {
        return new ProviderException("provider answered HTTP " + status
                + (vendorCode == null ? "" : " code " + vendorCode), status, vendorCode, 0, retryAfter);
    }

    /**
     * @param replyCode the SMTP reply code, e.g. 550
     * @return the exception
     */
    public static ProviderException smtp(int replyCode) {
        return new ProviderException("SMTP server replied " + replyCode, 0, null, replyCode, null);
    }

    /** @return the HTTP status, if the far side answered over HTTP */
    public Optional<Integer> httpStatus() {
        return httpStatus == 0 ? Optional.empty() : Optional.of(httpStatus);
    }

    /** @return the vendor's error code, if any */
    public Optional<String> vendorCode() {
        return Optional.ofNullable(vendorCode);
    }

    /** @return the SMTP reply code, if the far side was an SMTP server */
    public Optional<Integer> smtpReply() {
        return smtpReply == 0 ? Optional.empty() : Optional.of(smtpReply);
    }

    /** @return how long the provider asked us to wait, if it said */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

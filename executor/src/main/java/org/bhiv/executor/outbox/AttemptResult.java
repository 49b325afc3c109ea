package org.bhiv.executor.outbox;

import java.time.Duration;

/** How one delivery attempt ended. Transport failures and HTTP answers are kept apart in the reason. */
sealed interface AttemptResult {

    /** A 2xx answer. */
    record Delivered(int status) implements AttemptResult {
    }

    /**
     * Worth another attempt: connection failure, timeout, 5xx or 429.
     *
     * @param reason     {@code connection_failed}, {@code timeout}, {@code io_error} or {@code http_<status>}
     * @param retryAfter the receiver's {@code Retry-After}, or {@code null}
     */
    record Retryable(String reason, Duration retryAfter) implements AttemptResult {
    }

    /**
     * Any other answer (4xx but 429, 3xx, ...): never retried.
     *
     * @param reason {@code http_<status>}
     * @param answer the first KiB of the answer's body
     */
    record Rejected(String reason, String answer) implements AttemptResult {
    }

    /** Not attempted: older than {@code integrations.max-age}, so now dead. Says nothing about the sink. */
    record Expired() implements AttemptResult {
    }

    /** The attempt was cancelled by shutdown before it ended; it does not count. */
    record Aborted() implements AttemptResult {
    }
}

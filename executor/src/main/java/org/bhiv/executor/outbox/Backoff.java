package org.bhiv.executor.outbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Retry delays: exponential backoff with full jitter for one event, and the pause of a whole
 * sink after consecutive failures.
 */
final class Backoff {

    private final long initialMs;
    private final long maxMs;
    private final DoubleSupplier random;

    Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initialMs = initial.toMillis();
        this.maxMs = max.toMillis();
        this.random = random;
    }

    static Backoff create(IntegrationsConfig config) {
        return new Backoff(config.backoffInitial(), config.backoffMax(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * Full jitter: uniform in {@code [0, min(max, initial * 2^(failures-1))]}, but never
     * earlier than the receiver's {@code Retry-After}.
     *
     * @param failures   failed attempts so far (1 after the first failure)
     * @param retryAfter the receiver's {@code Retry-After}, or {@code null}
     * @return how long to wait before the next attempt
     */
    Duration retryDelay(int failures, Duration retryAfter) {
        long jittered = (long) (random.getAsDouble() * bound(failures));
        long delay = retryAfter == null ? jittered : Math.max(jittered, retryAfter.toMillis());
        return Duration.ofMillis(delay);
    }

    /**
     * Equal jitter (at least half the bound, so a pause is a real pause):
     * uniform in {@code [b/2, b]} with {@code b = min(max, initial * 2^failures)}.
     *
     * @param consecutiveFailures failures of the sink in a row
     * @return how long the sink rests before one probe
     */
    Duration pause(int consecutiveFailures) {
        long bound = bound(consecutiveFailures + 1);
        return Duration.ofMillis(bound / 2 + (long) (random.getAsDouble() * (bound - bound / 2)));
    }

    /** @return {@code min(max, initial * 2^(n-1))} for n >= 1 */
    long bound(int n) {
        int exponent = Math.min(Math.max(n - 1, 0), 40);
        double b = initialMs * Math.pow(2, exponent);
        return (long) Math.min(maxMs, b);
    }
}

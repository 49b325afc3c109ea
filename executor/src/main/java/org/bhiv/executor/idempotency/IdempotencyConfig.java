package org.bhiv.executor.idempotency;

import java.time.Duration;

import io.helidon.config.Config;

/**
 * The {@code executor.idempotency} config node.
 *
 * @param retention     how long an answered key is replayed before it is purged
 * @param lease         how long a claim holds its key before another request may take it over
 *                      (it must outlast the slowest execution, provider timeouts included)
 * @param purgeInterval how often expired keys are purged
 */
public record IdempotencyConfig(Duration retention, Duration lease, Duration purgeInterval) {

    /** Defaults: keys replayed for 24 h, claims held for 2 min, purge every 10 min. */
    public static final IdempotencyConfig DEFAULTS =
            new IdempotencyConfig(Duration.ofHours(24), Duration.ofMinutes(2), Duration.ofMinutes(10));

    public IdempotencyConfig {
        requirePositive("retention", retention);
        requirePositive("lease", lease);
        requirePositive("purge-interval", purgeInterval);
        if (lease.compareTo(retention) > 0) {
            throw new IllegalArgumentException("executor.idempotency.lease (" + lease
                    + ") must not be longer than executor.idempotency.retention (" + retention + ")");
        }
    }

    /**
     * @param node the {@code executor.idempotency} node
     * @return the config with its defaults
     */
    public static IdempotencyConfig create(Config node) {
        return new IdempotencyConfig(
                node.get("retention").as(Duration.class).orElse(DEFAULTS.retention()),
                node.get("lease").as(Duration.class).orElse(DEFAULTS.lease()),
                node.get("purge-interval").as(Duration.class).orElse(DEFAULTS.purgeInterval()));
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("executor.idempotency." + key + " must be a positive duration, was " + value);
        }
    }
}

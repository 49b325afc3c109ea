package org.bhiv.executor.outbox;

import java.time.Duration;

import io.helidon.config.Config;

/**
 * The {@code integrations} config node: where events go and how hard the outbox tries.
 * Every value is checked here, once, at start-up.
 *
 * @param bucket             the Bucket sink ({@code integrations.bucket.*})
 * @param karma              the Karma sink ({@code integrations.karma.*})
 * @param timeout            per-attempt timeout, connect included; at most 2 s ({@code integrations.timeout}, PT2S)
 * @param maxAttempts        attempts before an event is dead ({@code integrations.max-attempts}, 20)
 * @param maxAge             age after which an undelivered event is dead ({@code integrations.max-age}, PT24H)
 * @param drainTimeout       how long shutdown keeps delivering ({@code integrations.drain-timeout}, PT5S)
 * @param backoffInitial     first retry delay bound ({@code integrations.backoff.initial}, PT0.2S)
 * @param backoffMax         largest retry delay bound ({@code integrations.backoff.max}, PT60S)
 * @param pauseAfterFailures consecutive failures after which a sink is paused ({@code integrations.backoff.pause-after-failures}, 5)
 * @param maxPending         pending events per sink before new ones are dropped ({@code integrations.outbox.max-pending}, 100000)
 * @param scanInterval       periodic scan for due retries and other replicas' events ({@code integrations.outbox.scan-interval}, PT1S)
 * @param batchSize          events claimed per sink and pass, in one transaction ({@code integrations.outbox.batch-size}, 32)
 * @param concurrency        requests in flight per sink at most ({@code integrations.outbox.concurrency}, 32)
 * @param retention          how long delivered and dead rows are kept ({@code integrations.outbox.retention}, PT168H)
 * @param redaction          content redaction with the deployment's key ({@code integrations.redaction.key}, else
 *                           {@code <data dir>/redaction.key}, generated at first start)
 */
public record IntegrationsConfig(SinkConfig bucket, SinkConfig karma, Duration timeout, int maxAttempts, Duration maxAge,
                                 Duration drainTimeout, Duration backoffInitial, Duration backoffMax,
                                 int pauseAfterFailures, int maxPending, Duration scanInterval, int batchSize,
                                 int concurrency, Duration retention, Redaction redaction) {

    /** The contract's ceiling for every outbound timeout. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(2);

    public IntegrationsConfig {
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("integrations.timeout must be more than 0 and at most PT2S"
                    + " (every outbound timeout is at most 2 s), was " + timeout);
        }
        positive("integrations.max-attempts", maxAttempts);
        positive("integrations.backoff.pause-after-failures", pauseAfterFailures);
        positive("integrations.outbox.max-pending", maxPending);
        positive("integrations.outbox.batch-size", batchSize);
        positive("integrations.outbox.concurrency", concurrency);
        positive("integrations.max-age", maxAge);
        positive("integrations.backoff.initial", backoffInitial);
        positive("integrations.outbox.scan-interval", scanInterval);
        positive("integrations.outbox.retention", retention);
        if (drainTimeout.isNegative()) {
            throw new IllegalArgumentException("integrations.drain-timeout must not be negative, was " + drainTimeout);
        }
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("integrations.backoff.max (" + backoffMax
                    + ") must be at least integrations.backoff.initial (" + backoffInitial + ")");
        }
    }

    /**
     * @param integrations the {@code integrations} node (may be missing: all defaults)
     * @return the validated config
     * @throws IllegalArgumentException naming the key when a value is out of range
     */
    public static IntegrationsConfig create(Config integrations) {
        return create(integrations, null);
    }

    /**
     * @param integrations the {@code integrations} node (may be missing: all defaults)
     * @param dataDir      where the generated redaction key is kept when none is configured;
     *                     {@code null} = a key for this process only
     * @return the validated config
     * @throws IllegalArgumentException naming the key when a value is out of range
     */
    public static IntegrationsConfig create(Config integrations, java.nio.file.Path dataDir) {
        Config redaction = integrations.get("redaction");
        org.bhiv.server.RedactionKey key = dataDir == null && redaction.get("key").asString().orElse("").isBlank()
                ? org.bhiv.server.RedactionKey.ephemeral()
                : org.bhiv.server.RedactionKey.resolve(redaction, dataDir == null ? java.nio.file.Path.of("data") : dataDir);
        Config backoff = integrations.get("backoff");
        Config outbox = integrations.get("outbox");
        return new IntegrationsConfig(
                SinkConfig.create(Sink.BUCKET, integrations.get("bucket"), "http://localhost:8001"),
                SinkConfig.create(Sink.KARMA, integrations.get("karma"), "http://localhost:8000"),
                duration(integrations, "timeout", MAX_TIMEOUT),
                integrations.get("max-attempts").asInt().orElse(20),
                duration(integrations, "max-age", Duration.ofHours(24)),
                duration(integrations, "drain-timeout", Duration.ofSeconds(5)),
                duration(backoff, "initial", Duration.ofMillis(200)),
                duration(backoff, "max", Duration.ofSeconds(60)),
                backoff.get("pause-after-failures").asInt().orElse(5),
                outbox.get("max-pending").asInt().orElse(100_000),
                duration(outbox, "scan-interval", Duration.ofSeconds(1)),
                outbox.get("batch-size").asInt().orElse(32),
                outbox.get("concurrency").asInt().orElse(32),
                duration(outbox, "retention", Duration.ofDays(7)),
                new Redaction(key));
    }

    /**
     * @return the longest one pass can take: its attempts run {@code concurrency} at a time, each
     *         within {@code timeout} (a claim's lease must outlast it)
     */
    public Duration passTimeout() {
        return timeout.multipliedBy((batchSize + concurrency - 1) / concurrency);
    }

    /**
     * @param sink a sink
     * @return its config
     */
    public SinkConfig sink(Sink sink) {
        return sink == Sink.BUCKET ? bucket : karma;
    }

    private static Duration duration(Config node, String key, Duration defaultValue) {
        return node.get(key).as(Duration.class).orElse(defaultValue);
    }

    private static void positive(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be at least 1, was " + value);
        }
    }

    private static void positive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration, was " + value);
        }
    }
}

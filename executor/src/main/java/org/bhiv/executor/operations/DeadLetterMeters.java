package org.bhiv.executor.operations;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;

/**
 * {@code outbox_dead{sink}}: the dead events in the database, read at each scrape (all replicas'
 * events, an indexed count); {@code integration_redeliveries_total{sink}}: redeliveries made by
 * this process.
 */
public final class DeadLetterMeters {

    private static final List<String> SINKS = List.of("bucket", "karma");
    private static final System.Logger LOGGER = System.getLogger(DeadLetterMeters.class.getName());

    private final MeterRegistry registry;

    /**
     * Registers the depth gauges.
     *
     * @param registry the registry behind {@code /observe/metrics}
     * @param depth    per sink, the dead events now (a sink without any may be absent)
     */
    public DeadLetterMeters(MeterRegistry registry, Supplier<Map<String, Long>> depth) {
        this.registry = registry;
        for (String sink : SINKS) {
            List<Tag> tags = List.of(Tag.create("sink", sink));
            registry.remove("outbox.dead", tags); // the newest executor of a registry owns it (tests start several)
            registry.getOrCreate(Gauge.builder("outbox.dead", () -> read(depth, sink))
                    .description("Dead integration events kept in the outbox, waiting for a redelivery")
                    .tags(tags));
        }
    }

    void redelivered(String sink) {
        registry.getOrCreate(Counter.builder("integration.redeliveries")
                .description("Dead integration events an operator sent back to the outbox")
                .tags(List.of(Tag.create("sink", sink)))).increment();
    }

    private static double read(Supplier<Map<String, Long>> depth, String sink) {
        try {
            return depth.get().getOrDefault(sink, 0L);
        } catch (RuntimeException e) {
            LOGGER.log(System.Logger.Level.WARNING, "Dead events cannot be counted: " + e);
            return Double.NaN;
        }
    }
}

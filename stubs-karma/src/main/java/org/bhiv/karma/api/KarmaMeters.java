package org.bhiv.karma.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import org.bhiv.karma.ledger.KarmaLedger;

/**
 * Karma's own meters in {@code /observe/metrics}: {@code karma_events_total} by {@code action}
 * (one of Karma's fixed actions), {@code route} ({@code event} or {@code log_action}) and whether
 * it was a {@code duplicate} event id, applied once. Refusals by reason are the shared
 * {@code refusals_total}.
 */
public final class KarmaMeters {

    private final MeterRegistry registry;
    /** By (action, route, duplicate), a bounded set: a registry lookup by name and tags per event cost about 8 % of one. */
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    /**
     * @param registry where the meters go
     */
    public KarmaMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void applied(String route, String action, KarmaLedger.Applied applied) {
        counters.computeIfAbsent(List.of(action, route, String.valueOf(applied.duplicate())), key -> registry.getOrCreate(
                Counter.builder("karma.events").description("Karma events applied, by action, route and duplicate")
                        .tags(List.of(Tag.create("action", key.get(0)), Tag.create("route", key.get(1)),
                                Tag.create("duplicate", key.get(2))))))
                .increment();
    }
}

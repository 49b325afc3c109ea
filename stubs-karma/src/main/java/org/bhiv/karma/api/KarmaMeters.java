package org.bhiv.karma.api;

import java.util.List;

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

    /**
     * @param registry where the meters go
     */
    public KarmaMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void applied(String route, String action, KarmaLedger.Applied applied) {
        registry.getOrCreate(Counter.builder("karma.events").description("Karma events applied, by action, route and duplicate")
                        .tags(List.of(Tag.create("action", action), Tag.create("route", route),
                                Tag.create("duplicate", String.valueOf(applied.duplicate())))))
                .increment();
    }
}

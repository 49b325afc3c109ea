package org.bhiv.karma.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
        Counter.builder("karma.events").description("Karma events applied, by action, route and duplicate")
                .tag("action", action).tag("route", route).tag("duplicate", String.valueOf(applied.duplicate()))
                .register(registry).increment();
    }
}

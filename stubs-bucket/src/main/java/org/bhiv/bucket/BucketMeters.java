package org.bhiv.bucket;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import org.bhiv.bucket.audit.EventStore;

/**
 * Bucket's own meters in {@code /observe/metrics}: {@code bucket_events_total} by
 * {@code event_type} and {@code requester}, {@code bucket_duplicates_total}, and the audit chain's
 * length ({@code bucket_audit_chain_length}). Refusals by reason are the shared
 * {@code refusals_total}. Event types are the writers' own text, so only the first
 * {@value #MAX_EVENT_TYPES} distinct ones get their own series; later ones count as {@code other}.
 */
public final class BucketMeters {

    static final int MAX_EVENT_TYPES = 50;

    private final MeterRegistry registry;
    private final Set<String> eventTypes = new HashSet<>();
    /** By (event_type, requester): a registry lookup by name and tags per event cost about 5 % of a write. */
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    BucketMeters(MeterRegistry registry, EventStore store) {
        this.registry = registry;
        registry.getOrCreate(Gauge.builder("bucket.audit.chain.length", store, s -> s.counts().events())
                .description("Records in the audit hash chain"));
        registry.getOrCreate(FunctionalCounter.builder("bucket.duplicates", store, s -> s.counts().duplicates())
                .description("Writes answered as a duplicate of the same identity's event_id"));
    }

    /**
     * @param eventType the appended event's {@code event_type} (may be null)
     * @param requester the proven identity that wrote it
     */
    public void appended(String eventType, String requester) {
        String type = eventType == null || eventType.isBlank() ? "none" : eventType;
        Counter counter = counters.get(List.of(type, requester));
        (counter != null ? counter : counter(type, requester)).increment();
    }

    /** Registers the series of a new pair; past {@value #MAX_EVENT_TYPES} types a new one counts as {@code other}. */
    private synchronized Counter counter(String eventType, String requester) {
        String type = eventType;
        if (!eventTypes.contains(type)) {
            if (eventTypes.size() < MAX_EVENT_TYPES) {
                eventTypes.add(type);
            } else {
                type = "other";
            }
        }
        return counters.computeIfAbsent(List.of(type, requester), key -> registry.getOrCreate(Counter.builder("bucket.events")
                .description("Events appended to the audit trail, by event_type and requester")
                .tags(List.of(Tag.create("event_type", key.get(0)), Tag.create("requester", key.get(1))))));
    }
}

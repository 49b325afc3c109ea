package org.bhiv.bucket.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.bucket.BucketConfig;
import org.bhiv.bucket.audit.EventRecord;
import org.bhiv.bucket.audit.EventStore;
import org.bhiv.bucket.audit.StoredRecord;
import org.bhiv.server.Responses;
import org.bhiv.server.auth.Caller;

/**
 * The read side of {@code /core}: events with filters, stats, an agent's context and the
 * verification of the audit chain. Reading needs READ ({@code bucket.governance.readers});
 * the executor has none.
 */
public final class CoreReadService implements HttpService {

    private static final int RECENT_CONTEXT_EVENTS = 10;

    private final EventStore store;
    private final BucketConfig config;

    /**
     * @param store  the audit store
     * @param config who may read
     */
    public CoreReadService(EventStore store, BucketConfig config) {
        this.store = store;
        this.config = config;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/events", this::events)
                .get("/stats", this::stats)
                .get("/read-context", this::readContext)
                .get("/audit/verify", this::verify);
    }

    private void events(ServerRequest req, ServerResponse res) {
        config.reader().check(req);
        int limit = QueryParams.limit(req, 100, 1000);
        Predicate<StoredRecord> filter = matches(StoredRecord::requesterId, QueryParams.optional(req, "requester_id"))
                .and(matches(StoredRecord::traceId, QueryParams.optional(req, "trace_id")))
                .and(matches(StoredRecord::eventType, QueryParams.optional(req, "event_type")));
        EventStore.Page page = store.query(filter, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", page.events());
        body.put("count", page.total());
        body.put("showing", page.events().size());
        Responses.json(res, 200, body);
    }

    private void stats(ServerRequest req, ServerResponse res) {
        config.reader().check(req);
        EventStore.Counts counts = store.counts();
        List<StoredRecord> all = store.select(r -> true);
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("events_received", counts.events());
        stats.put("agents_tracked", counts.agents());
        stats.put("duplicates_ignored", counts.duplicates());
        stats.put("capacity", counts.capacity());
        stats.put("by_event_type", countBy(all, StoredRecord::eventType));
        stats.put("by_requester", countBy(all, StoredRecord::requesterId));
        stats.put("last_event_at", all.isEmpty() ? null : receivedAt(all.getLast()));
        stats.put("audit_chain", store.summary());
        Responses.json(res, 200, Map.of("success", true, "stats", stats));
    }

    private void readContext(ServerRequest req, ServerResponse res) {
        Caller.of(req).requireRequester(QueryParams.optional(req, "requester_id").orElse(null),
                config.contextReader().allowed());
        String agentId = QueryParams.required(req, "agent_id");
        EventStore.Page page = store.query(matches(StoredRecord::agentId, Optional.of(agentId)), RECENT_CONTEXT_EVENTS);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("agent_id", agentId);
        body.put("context", page.total() == 0 ? null : context(agentId, page));
        Responses.json(res, 200, body);
    }

    private void verify(ServerRequest req, ServerResponse res) {
        config.reader().check(req);
        Responses.json(res, 200, store.verify());
    }

    private Map<String, Object> context(String agentId, EventStore.Page page) {
        List<StoredRecord> all = store.select(matches(StoredRecord::agentId, Optional.of(agentId)));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("agent_id", agentId);
        context.put("event_count", page.total());
        context.put("first_event_at", receivedAt(all.getFirst()));
        context.put("last_event_at", receivedAt(all.getLast()));
        context.put("event_types", countBy(all, StoredRecord::eventType));
        context.put("recent_events", page.events());
        return context;
    }

    private static Predicate<StoredRecord> matches(Function<StoredRecord, String> member, Optional<String> value) {
        return value.<Predicate<StoredRecord>>map(v -> r -> v.equals(member.apply(r))).orElse(r -> true);
    }

    private static Map<String, Long> countBy(List<StoredRecord> records, Function<StoredRecord, String> member) {
        Map<String, Long> counts = new TreeMap<>();
        records.forEach(r -> counts.merge(Objects.requireNonNullElse(member.apply(r), "(none)"), 1L, Long::sum));
        return counts;
    }

    private static String receivedAt(StoredRecord record) {
        return record.json().path(EventRecord.RECEIVED_AT).asText();
    }
}

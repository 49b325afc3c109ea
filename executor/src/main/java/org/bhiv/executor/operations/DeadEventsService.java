package org.bhiv.executor.operations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.executor.store.DeadEvents;
import org.bhiv.executor.store.DeadEvents.DeadEvent;
import org.bhiv.executor.store.StoreException;
import org.bhiv.server.Problem;
import org.bhiv.server.ProblemException;
import org.bhiv.server.Responses;
import org.bhiv.server.auth.Caller;

/**
 * The outbox's dead events, for the identities of {@code executor.callers.operate} only: {@code GET /} lists them newest first with
 * their last error ({@code sink}, {@code trace_id}, {@code since}, {@code limit}, {@code before});
 * {@code POST /{id}/redeliver} sends one again; {@code POST /redeliver} sends all that match the
 * same filter (at most {@code max}, default 1000). Redelivering an event that is no longer dead
 * changes nothing and says where it is.
 */
public final class DeadEventsService implements HttpService {

    private static final Set<String> SINKS = Set.of("bucket", "karma");
    private static final System.Logger LOGGER = System.getLogger(DeadEventsService.class.getName());

    /** One dead event on the wire. */
    record DeadEventView(@JsonProperty("id") long id, @JsonProperty("event_id") String eventId,
                         @JsonProperty("sink") String sink, @JsonProperty("execution_id") String executionId,
                         @JsonProperty("trace_id") String traceId, @JsonProperty("attempts") int attempts,
                         @JsonProperty("created_at") java.time.Instant createdAt,
                         @JsonProperty("dead_at") java.time.Instant deadAt,
                         @JsonProperty("last_error") String lastError) {

        static DeadEventView of(DeadEvent e) {
            return new DeadEventView(e.id(), e.eventId(), e.sink(), e.executionId(), e.traceId(), e.attempts(),
                    e.createdAt(), e.deadAt(), e.lastError());
        }
    }

    private final Redeliveries redeliveries;
    private final Set<String> operators;

    /**
     * @param redeliveries lists and redelivers dead events
     * @param operators    the identities allowed ({@code executor.callers.operate})
     */
    public DeadEventsService(Redeliveries redeliveries, Set<String> operators) {
        this.redeliveries = redeliveries;
        this.operators = Set.copyOf(operators);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/redeliver", this::redeliverMatching)
                .post("/{id}/redeliver", this::redeliverOne);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller.of(req).require(operators);
        var q = new QueryParams(req.query());
        DeadEvents.Filter filter = filter(q);
        int limit = (int) q.number("limit", 1, 500, 100);
        long before = q.number("before", 1, Long.MAX_VALUE, 0);
        q.check();
        List<DeadEvent> found = store(() -> redeliveries.list(filter, limit, before == 0 ? null : before));
        Map<String, Long> depth = store(redeliveries::depth);
        var body = new LinkedHashMap<String, Object>();
        body.put("dead_events", found.stream().map(DeadEventView::of).toList());
        body.put("depth", Map.of("bucket", depth.getOrDefault("bucket", 0L), "karma", depth.getOrDefault("karma", 0L)));
        body.put("next_before", found.size() < limit ? null : found.getLast().id());
        Responses.json(res, 200, body);
    }

    private void redeliverOne(ServerRequest req, ServerResponse res) {
        String who = Caller.of(req).require(operators);
        long id;
        try {
            id = Long.parseLong(req.path().pathParameters().get("id"));
        } catch (NumberFormatException e) {
            throw ProblemException.of(Problem.of(404, "dead_event_not_found", "No event has this id."));
        }
        DeadEvents.Redelivery r = store(() -> redeliveries.one(id, who));
        if (r.outcome() == DeadEvents.Outcome.UNKNOWN) {
            throw ProblemException.of(Problem.of(404, "dead_event_not_found", "No event has this id."));
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("id", id);
        body.put("redelivered", r.outcome() == DeadEvents.Outcome.REDELIVERED);
        body.put("state", r.outcome() == DeadEvents.Outcome.REDELIVERED ? "pending" : r.outcome().name().toLowerCase());
        if (r.event() != null) {
            body.put("event", DeadEventView.of(r.event()));
        }
        Responses.json(res, 200, body);
    }

    private void redeliverMatching(ServerRequest req, ServerResponse res) {
        String who = Caller.of(req).require(operators);
        var q = new QueryParams(req.query());
        DeadEvents.Filter filter = filter(q);
        int max = (int) q.number("max", 1, 10_000, 1_000);
        q.check();
        List<DeadEvent> moved = store(() -> redeliveries.matching(filter, max, who));
        var body = new LinkedHashMap<String, Object>();
        body.put("redelivered", moved.size());
        body.put("ids", moved.stream().map(DeadEvent::id).toList());
        Responses.json(res, 200, body);
    }

    private static DeadEvents.Filter filter(QueryParams q) {
        return new DeadEvents.Filter(q.oneOf("sink", SINKS), q.text("trace_id", 256), q.instant("since"));
    }

    private static <T> T store(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (StoreException e) {
            LOGGER.log(System.Logger.Level.ERROR, "Dead events cannot be read or moved", e);
            throw StoreException.unavailable();
        }
    }
}

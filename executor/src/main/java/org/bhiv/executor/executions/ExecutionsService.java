package org.bhiv.executor.executions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.executor.store.ExecutionRecord;
import org.bhiv.executor.store.ExecutionStore;
import org.bhiv.executor.store.StoreException;
import org.bhiv.executor.store.StoredExecution;
import org.bhiv.server.Json;
import org.bhiv.server.Problem;
import org.bhiv.server.ProblemException;
import org.bhiv.server.Responses;
import org.bhiv.server.auth.Caller;

/**
 * {@code GET /api/workflow/executions/{trace_id}} (contracts 3.5): a decision's executions, oldest
 * first, each with the delivery of its Bucket and Karma events. Requires one of
 * {@code executor.callers.read} when tokens are configured; 404 when the trace_id is unknown.
 */
public final class ExecutionsService implements HttpService {

    private static final System.Logger LOGGER = System.getLogger(ExecutionsService.class.getName());

    private final ExecutionStore store;
    private final DeliveryLookup deliveries;
    private final Set<String> readers;

    /**
     * @param store      the execution store
     * @param deliveries where the events' deliveries stand
     * @param readers    the identities that may read executions ({@code executor.callers.read})
     */
    public ExecutionsService(ExecutionStore store, DeliveryLookup deliveries, Set<String> readers) {
        this.store = store;
        this.deliveries = deliveries;
        this.readers = Set.copyOf(readers);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{trace_id}", this::executions);
    }

    private void executions(ServerRequest req, ServerResponse res) {
        Caller.of(req).require(readers);
        String traceId = req.path().pathParameters().get("trace_id");
        List<StoredExecution> found = find(traceId);
        if (found.isEmpty()) {
            throw ProblemException.of(Problem.of(404, "execution_not_found",
                    "No execution is known for this trace_id.").withTraceId(traceId));
        }
        Map<String, ? extends Map<String, ?>> byExecution = deliveriesOf(traceId);
        var body = new LinkedHashMap<String, Object>();
        body.put("trace_id", traceId);
        body.put("executions", found.stream().map(s -> view(s, byExecution)).toList());
        Responses.json(res, 200, body);
    }

    private List<StoredExecution> find(String traceId) {
        try {
            return store.findByTraceId(traceId);
        } catch (StoreException e) {
            LOGGER.log(System.Logger.Level.ERROR, "Executions cannot be read", e);
            throw StoreException.unavailable().withTraceId(traceId);
        }
    }

    /** Deliveries are extra information: when they cannot be read the executions still answer. */
    private Map<String, ? extends Map<String, ?>> deliveriesOf(String traceId) {
        try {
            return deliveries.deliveriesByTrace(traceId);
        } catch (Exception e) {
            LOGGER.log(System.Logger.Level.WARNING, "Deliveries cannot be read: " + e);
            return Map.of();
        }
    }

    private static ExecutionView view(StoredExecution stored, Map<String, ? extends Map<String, ?>> byExecution) {
        ExecutionRecord e = stored.execution();
        return new ExecutionView(e.executionId(), e.idempotencyKey(), e.actionType(), e.status(), e.receivedAt(),
                e.durationMs(), stored.replayable(), parse(e.resultJson()),
                byExecution.containsKey(e.executionId()) ? byExecution.get(e.executionId()) : Map.of());
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored execution_result is not JSON", e);
        }
    }
}

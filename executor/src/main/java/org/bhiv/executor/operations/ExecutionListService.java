package org.bhiv.executor.operations;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.executor.store.ExecutionQueries;
import org.bhiv.executor.store.ExecutionRecord;
import org.bhiv.executor.store.StoreException;
import org.bhiv.server.Json;
import org.bhiv.server.Responses;
import org.bhiv.server.auth.Caller;

/**
 * {@code GET /api/workflow/executions?status=&action_type=&user_id=&since=&until=&limit=&cursor=}:
 * the latest executions, newest first, at most {@code limit} (1..200, default 50) per page;
 * {@code next_cursor} fetches the next page. For the identities of {@code executor.callers.read}.
 */
public final class ExecutionListService implements HttpService {

    private static final Set<String> STATUSES = Set.of("success", "failed");
    private static final System.Logger LOGGER = System.getLogger(ExecutionListService.class.getName());

    private final ExecutionQueries queries;
    private final Set<String> readers;

    /**
     * @param queries the store's execution queries
     * @param readers the identities allowed ({@code executor.callers.read})
     */
    public ExecutionListService(ExecutionQueries queries, Set<String> readers) {
        this.queries = queries;
        this.readers = Set.copyOf(readers);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Caller.of(req).require(readers);
        var q = new QueryParams(req.query());
        var filter = new ExecutionQueries.Filter(q.oneOf("status", STATUSES), q.text("action_type", 64),
                q.text("user_id", 128), q.instant("since"), q.instant("until"));
        int limit = (int) q.number("limit", 1, 200, 50);
        ExecutionQueries.Cursor after = cursor(q, q.text("cursor", 512));
        q.check();
        ExecutionQueries.Page page;
        try {
            page = queries.latest(filter, limit, after);
        } catch (StoreException e) {
            LOGGER.log(System.Logger.Level.ERROR, "Executions cannot be listed", e);
            throw StoreException.unavailable();
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("executions", page.executions().stream().map(ExecutionListService::summary).toList());
        body.put("next_cursor", page.next() == null ? null : encode(page.next()));
        Responses.json(res, 200, body);
    }

    private static ExecutionSummary summary(ExecutionRecord e) {
        return new ExecutionSummary(e.traceId(), e.executionId(), e.idempotencyKey(), e.actionType(), e.status(),
                e.userId(), e.receivedAt(), e.durationMs(), parse(e.resultJson()));
    }

    /** The cursor is opaque to callers: base64url of {@code <received_at>|<execution_id>}. */
    static String encode(ExecutionQueries.Cursor c) {
        String raw = c.receivedAt() + "|" + c.executionId();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static ExecutionQueries.Cursor cursor(QueryParams q, String value) {
        if (value == null) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            return new ExecutionQueries.Cursor(Instant.parse(raw.substring(0, bar)), raw.substring(bar + 1));
        } catch (RuntimeException e) {
            q.error("cursor", "must be a next_cursor of an earlier answer");
            return null;
        }
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored execution_result is not JSON", e);
        }
    }
}

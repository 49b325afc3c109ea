package org.bhiv.executor.workflow;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.server.JsonBodies;
import org.bhiv.server.Problem;
import org.bhiv.server.ProblemException;
import org.bhiv.server.Responses;
import org.bhiv.server.auth.AccessPolicy;
import org.bhiv.server.auth.AnonymousAccess;

/**
 * {@code POST /api/workflow/execute} (section 3.1), in the contract's order: identity, body
 * (415, 413, 400), shape (422 listing every field), skipped decisions (200), a missing payload
 * (400), then the {@link WorkflowExecutor}. Any other method is 405 {@code method_not_allowed}
 * with {@code Allow: POST}.
 */
public final class WorkflowService implements HttpService {

    /** Identities that may execute workflows when tokens are configured. */
    public static final Set<String> EXECUTORS = Set.of("bhiv_core", "operator");
    /** The operation's name in {@code security.anonymous.allow}. */
    public static final String OPERATION = "execute";

    private static final io.helidon.http.HeaderName TRACEPARENT = HeaderNames.create("traceparent");

    private final WorkflowExecutor executor;
    private final AccessPolicy access;
    private final long maxBodyBytes;
    private final ExecutionLog log;
    private final WorkflowCounters counters;
    private final ExecutionMetrics metrics;

    /**
     * @param executor     runs validated requests
     * @param anonymous    whether callers without a token may execute ({@code security.anonymous.allow})
     * @param maxBodyBytes largest accepted body
     * @param log          the execution log
     * @param counters     the health counters
     * @param metrics      the meters
     */
    public WorkflowService(WorkflowExecutor executor, AnonymousAccess anonymous, long maxBodyBytes, ExecutionLog log,
                           WorkflowCounters counters, ExecutionMetrics metrics) {
        this.executor = executor;
        this.access = new AccessPolicy(EXECUTORS, anonymous.allows(OPERATION));
        this.maxBodyBytes = maxBodyBytes;
        this.log = log;
        this.counters = counters;
        this.metrics = metrics;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/execute", this::execute)
                .any("/execute", WorkflowService::methodNotAllowed);
    }

    /** Any other method on {@code /execute}: 405 with {@code Allow: POST}, not a 404 that hides the resource. */
    private static void methodNotAllowed(ServerRequest req, ServerResponse res) {
        throw ProblemException.of(405, "method_not_allowed", "/api/workflow/execute only answers POST.")
                .withHeader("Allow", "POST");
    }

    private void execute(ServerRequest req, ServerResponse res) {
        access.check(req);
        ObjectNode body = JsonBodies.readObject(req, maxBodyBytes);
        var shape = WorkflowShape.check(body, req.headers().first(HeaderNames.create(WorkflowShape.IDEMPOTENCY_KEY)));
        log.received(shape.traceId(), shape.decision());
        if (!shape.decision().equals("workflow")) {
            skip(res, shape.traceId());
            return;
        }
        if (shape.payload() == null || shape.payload().isEmpty()) {
            throw ProblemException.of(Problem.of(400, "missing_workflow_payload",
                    "A workflow decision needs data.payload with at least one field.").withTraceId(shape.traceId()));
        }
        var answer = executor.execute(new WorkflowRequest(shape.traceId(), shape.idempotencyKey(),
                shape.decision(), shape.payload(), body, req.headers().first(TRACEPARENT).orElse(null)));
        answer.headers().forEach((name, value) -> res.header(HeaderNames.create(name), value));
        Responses.json(res, answer.status(), answer.body());
    }

    private void skip(ServerResponse res, String traceId) {
        log.skipped(traceId, "decision_not_workflow");
        counters.skipped();
        metrics.skipped();
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("trace_id", traceId);
        body.put("status", "skipped");
        body.put("reason", "decision_not_workflow");
        Responses.json(res, 200, body);
    }
}

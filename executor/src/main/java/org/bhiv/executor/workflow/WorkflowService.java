package org.bhiv.executor.workflow;

import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bhiv.executor.idempotency.Idempotency;
import org.bhiv.server.JsonBodies;
import org.bhiv.server.ProblemException;
import org.bhiv.server.Responses;
import org.bhiv.server.auth.AccessPolicy;
import org.bhiv.server.auth.AnonymousAccess;

/**
 * {@code POST /api/workflow/execute} (section 3.1): the HTTP edge of the
 * {@link ExecutionPipeline}. It checks the caller's identity (401, 403) and reads the body (415,
 * 413, 400), hands both to the pipeline and sends its answer. Any other method is 405
 * {@code method_not_allowed} with {@code Allow: POST}.
 */
public final class WorkflowService implements HttpService {

    /** The operation's name in {@code security.anonymous.allow}. */
    public static final String OPERATION = "execute";

    private static final HeaderName TRACEPARENT = HeaderNames.create("traceparent");
    private static final HeaderName IDEMPOTENCY_KEY = HeaderNames.create(WorkflowShape.IDEMPOTENCY_KEY);
    private static final HeaderName REPLAYED = HeaderNames.create(Idempotency.REPLAYED_HEADER);

    private final ExecutionPipeline pipeline;
    private final AccessPolicy access;
    private final long maxBodyBytes;

    /**
     * @param pipeline     runs accepted bodies
     * @param executors    the identities that may execute workflows when tokens are configured
     * @param anonymous    whether callers without a token may execute ({@code security.anonymous.allow})
     * @param maxBodyBytes largest accepted body
     */
    public WorkflowService(ExecutionPipeline pipeline, Set<String> executors, AnonymousAccess anonymous,
                           long maxBodyBytes) {
        this.pipeline = pipeline;
        this.access = new AccessPolicy(executors, anonymous.allows(OPERATION));
        this.maxBodyBytes = maxBodyBytes;
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
        String caller = access.check(req);
        ObjectNode body = JsonBodies.readObject(req, maxBodyBytes);
        var answer = pipeline.execute(body, req.headers().first(IDEMPOTENCY_KEY), req.headers().first(TRACEPARENT).orElse(null),
                caller);
        if (answer.replayed()) {
            res.header(REPLAYED, "true");
        }
        Responses.jsonText(res, answer.status(), answer.json());
    }
}

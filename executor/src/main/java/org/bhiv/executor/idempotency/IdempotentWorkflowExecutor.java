package org.bhiv.executor.idempotency;

import java.time.Clock;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.executor.workflow.ExecutionAnswer;
import org.bhiv.executor.workflow.WorkflowExecutor;
import org.bhiv.executor.workflow.WorkflowRequest;
import org.bhiv.server.Json;

/**
 * The idempotency layer around the {@link WorkflowExecutor} that runs the adapter (contracts 3.4):
 * a replay answers the stored status and body with {@code Idempotent-Replayed: true}; a request
 * whose key is in flight or was used for another body is refused (409, 422); otherwise the inner
 * executor runs once and its answer is stored as {@link IdempotentExecutions} decides.
 */
public final class IdempotentWorkflowExecutor implements WorkflowExecutor {

    /** The header that marks a replayed answer. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final WorkflowExecutor inner;
    private final IdempotentExecutions executions;
    private final Clock clock;

    /**
     * @param inner      runs the adapter
     * @param executions the idempotency rules on the store
     * @param clock      stamps when requests arrived
     */
    public IdempotentWorkflowExecutor(WorkflowExecutor inner, IdempotentExecutions executions, Clock clock) {
        this.inner = inner;
        this.executions = executions;
        this.clock = clock;
    }

    @Override
    public ExecutionAnswer execute(WorkflowRequest request) {
        var attempt = new Attempt(request.idempotencyKey(), request.traceId(), recordedActionType(request), request.body(),
                clock.instant(), request.traceparent());
        ExecutionAnswer[] fresh = new ExecutionAnswer[1];
        Reply reply = executions.execute(attempt, () -> {
            fresh[0] = inner.execute(request);
            return Reply.fresh(fresh[0].status(), json(fresh[0].body()));
        });
        return reply.replayed() ? replayed(request, reply) : fresh[0];
    }

    private static ExecutionAnswer replayed(WorkflowRequest request, Reply reply) {
        ObjectNode body = parse(reply.body());
        ObjectNode result = body.path("execution_result") instanceof ObjectNode r ? r : Json.mapper().createObjectNode();
        String actionType = request.actionType() == null ? "none" : recordedActionType(request);
        return new ExecutionAnswer(reply.status(), body, actionType, body.path("status").asText(), 0, result,
                Map.of(REPLAYED_HEADER, "true"));
    }

    /**
     * The action type as the store and the integration events record it: the caller's text when it
     * could name an adapter (1..64 of {@code a-z 0-9 _ - .}), {@code null} when missing or blank (the
     * engine answers {@code missing_action_type}), else {@code unsupported} - so an unsupported
     * action_type of any length or content is still stored (the column holds 64 characters) and
     * never reaches Bucket or Karma as text they must refuse.
     */
    static String recordedActionType(WorkflowRequest request) {
        String raw = request.actionType();
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return SAFE_ACTION_TYPE.matcher(raw).matches() ? raw : "unsupported";
    }

    private static final java.util.regex.Pattern SAFE_ACTION_TYPE = java.util.regex.Pattern.compile("[a-z0-9_.-]{1,64}");

    private static String json(ObjectNode body) {
        try {
            return Json.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An answer body must serialise to JSON", e);
        }
    }

    private static ObjectNode parse(String body) {
        try {
            return (ObjectNode) Json.mapper().readTree(body);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("A stored answer is not a JSON object", e);
        }
    }
}

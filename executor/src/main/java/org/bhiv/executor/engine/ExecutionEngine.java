package org.bhiv.executor.engine;

import java.lang.System.Logger.Level;
import java.time.Clock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bhiv.executor.adapters.Adapter;
import org.bhiv.executor.adapters.AdapterCall;
import org.bhiv.executor.adapters.AdapterOutcome;
import org.bhiv.executor.adapters.provider.Effects;
import org.bhiv.server.Json;
import org.bhiv.server.LogSafe;

/**
 * Runs the adapter named by {@code payload.action_type} and builds the {@code execution_result}
 * envelope (section 3.1 step 6). An exception from an adapter (a defect) becomes
 * {@code internal_execution_error}, logged with its stack trace, and the engine keeps serving;
 * an {@link Error} such as {@link OutOfMemoryError} is not caught.
 */
public final class ExecutionEngine {

    private static final System.Logger LOGGER = System.getLogger(ExecutionEngine.class.getName());

    private final AdapterRegistry adapters;
    private final Clock clock;

    /**
     * @param adapters the adapters
     * @param clock    the clock for {@code timestamp}
     */
    public ExecutionEngine(AdapterRegistry adapters, Clock clock) {
        this.adapters = adapters;
        this.clock = clock;
    }

    /**
     * @param traceId        the decision's trace_id
     * @param idempotencyKey the idempotency key (identifiers derive from it)
     * @param payload        the workflow payload
     * @param effects        where the adapter adds its writes to the executor's own database
     * @return the outcome
     */
    public ExecutionOutcome run(String traceId, String idempotencyKey, ObjectNode payload, Effects effects) {
        JsonNode type = payload.get("action_type");
        if (type == null || type.isNull() || (type.isTextual() && type.textValue().isBlank())) {
            return failed("none", envelope(traceId, false), "missing_action_type",
                    "payload.action_type is required; supported: " + supported() + ".", false);
        }
        Adapter adapter = type.isTextual() ? adapters.find(type.textValue()).orElse(null) : null;
        if (adapter == null) {
            return failed("unsupported", envelope(traceId, false), "unsupported_action_type",
                    "payload.action_type is not supported; supported: " + supported() + ".", false);
        }
        String actionType = adapter.actionType();
        try {
            AdapterOutcome outcome = adapter.execute(new AdapterCall(traceId, idempotencyKey, actionType, payload, effects));
            return switch (outcome) {
                case AdapterOutcome.Succeeded ok -> succeeded(actionType, traceId, ok);
                case AdapterOutcome.Invalid invalid ->
                        failed(actionType, envelope(traceId, false), invalid.errorCode(), invalid.message(), false);
                case AdapterOutcome.ProviderFailed pf -> providerFailed(actionType, traceId, pf);
            };
        } catch (Exception e) {
            // a defect in an adapter (also a checked exception thrown sneakily); an Error (OutOfMemoryError,
            // StackOverflowError, ...) is not a result: it propagates, it is not stored as a retryable failure
            LOGGER.log(Level.ERROR, "Adapter " + actionType + " failed unexpectedly for trace_id="
                    + LogSafe.value(traceId), e);
            return failed(actionType, envelope(traceId, false), "internal_execution_error",
                    "The executor failed unexpectedly; the failure is logged.", true);
        }
    }

    /**
     * @param actionType a request's {@code payload.action_type}, or null
     * @return true when executing it may act outside the executor's own database (its adapter's
     *         provider calls a network service); false for the sandbox and the task store, and
     *         for an action type no adapter serves (nothing runs)
     */
    public boolean reachesOutside(String actionType) {
        return actionType != null && adapters.find(actionType).map(Adapter::reachesOutside).orElse(false);
    }

    private ExecutionOutcome succeeded(String actionType, String traceId, AdapterOutcome.Succeeded ok) {
        ObjectNode result = envelope(traceId, true);
        result.put("provider", ok.provider());
        ok.fields().forEach((name, value) -> result.set(name, Json.mapper().valueToTree(value)));
        return new ExecutionOutcome(actionType, true, null, false, result);
    }

    private ExecutionOutcome providerFailed(String actionType, String traceId, AdapterOutcome.ProviderFailed pf) {
        var failure = pf.failure();
        var outcome = failed(actionType, envelope(traceId, false), failure.errorCode(), failure.reason(), failure.retryable());
        outcome.result().put("provider", pf.provider());
        failure.retryAfter().ifPresent(d -> outcome.result().put("retry_after_seconds", Math.max(1, d.toSeconds())));
        return outcome;
    }

    private static ExecutionOutcome failed(String actionType, ObjectNode result, String errorCode, String message,
                                           boolean retryable) {
        result.put("error_code", errorCode);
        result.put("message", message);
        result.put("retryable", retryable);
        return new ExecutionOutcome(actionType, false, errorCode, retryable, result);
    }

    private ObjectNode envelope(String traceId, boolean success) {
        ObjectNode result = Json.mapper().createObjectNode();
        result.put("success", success);
        result.put("trace_id", traceId);
        result.put("timestamp", clock.instant().toString());
        return result;
    }

    private String supported() {
        return String.join(", ", adapters.actionTypes());
    }
}

package org.bhiv.bridge;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Turns an agent's result map into a workflow call, the way Core decides it:
 * <ul>
 *   <li>{@code requires_workflow}: the result asks for a workflow when it is {@code true}
 *       (a Boolean, or the string {@code "true"} in any case); anything else means none;</li>
 *   <li>{@code workflow_action_type}: the adapter to run; {@code task} when absent or blank;</li>
 *   <li>{@code workflow_payload}: the adapter's fields (a map; anything else counts as empty),
 *       merged with {@code user_id} (when known) and {@code trace_id}, which win over
 *       same-named keys of the payload.</li>
 * </ul>
 * <pre>{@code
 * WorkflowTrigger.from(agentResult, taskId, userId).ifPresent(trigger -> trigger.fire(workflows));
 * }</pre>
 * Immutable; the payload is copied.
 *
 * @param traceId    the decision's trace id (Core's task_id)
 * @param actionType the adapter to run
 * @param payload    the adapter's fields, with {@code trace_id} and {@code user_id} merged in; unmodifiable
 * @param userId     the user, may be {@code null}
 */
public record WorkflowTrigger(String traceId, String actionType, Map<String, Object> payload, String userId) {

    /** The key of an agent result that says whether a workflow is needed. */
    public static final String REQUIRES_WORKFLOW = "requires_workflow";
    /** The key of an agent result that names the adapter. */
    public static final String ACTION_TYPE = "workflow_action_type";
    /** The key of an agent result that holds the adapter's fields. */
    public static final String PAYLOAD = "workflow_payload";
    /** The adapter used when the agent result names none. */
    public static final String DEFAULT_ACTION_TYPE = "task";

    /** Copies the payload into an unmodifiable map; {@code null} is empty. */
    public WorkflowTrigger {
        payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload == null ? Map.of() : payload));
    }

    /**
     * Reads an agent result.
     *
     * @param agentResult the agent's output map (may be {@code null}: no workflow)
     * @param traceId     the decision's trace id
     * @param userId      the user, may be {@code null}
     * @return the trigger when the result requires a workflow, else empty
     */
    public static Optional<WorkflowTrigger> from(Map<String, ?> agentResult, String traceId, String userId) {
        if (agentResult == null || !isTrue(agentResult.get(REQUIRES_WORKFLOW))) {
            return Optional.empty();
        }
        Object type = agentResult.get(ACTION_TYPE);
        String actionType = type instanceof String s && !s.isBlank() ? s.strip() : DEFAULT_ACTION_TYPE;
        Map<String, Object> payload = new LinkedHashMap<>();
        if (agentResult.get(PAYLOAD) instanceof Map<?, ?> fields) {
            fields.forEach((key, value) -> payload.put(String.valueOf(key), value));
        }
        if (userId != null && !userId.isBlank()) {
            payload.put("user_id", userId);
        }
        payload.put("trace_id", traceId);
        return Optional.of(new WorkflowTrigger(traceId, actionType, payload, userId));
    }

    /**
     * Fires this workflow with the client; returns at once (see
     * {@link WorkflowClient#executeWorkflow}).
     *
     * @param client the shared client
     * @return how the call ends; ignoring it is fine
     */
    public CompletionStage<WorkflowOutcome> fire(WorkflowClient client) {
        return client.executeWorkflow(traceId, actionType, payload, userId);
    }

    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || (value instanceof String s && s.strip().equalsIgnoreCase("true"));
    }
}

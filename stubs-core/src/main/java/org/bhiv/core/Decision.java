package org.bhiv.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Core decided about one input: the answer text and, when an action is needed, the
 * workflow to run.
 *
 * @param rule       the rule that matched: {@code task}, {@code email}, {@code whatsapp}, {@code ai} or {@code respond}
 * @param response   the answer text for the user
 * @param actionType the executor adapter to run, {@code null} for {@code respond}
 * @param payload    the adapter's fields (empty for {@code respond}), unmodifiable
 */
record Decision(String rule, String response, String actionType, Map<String, Object> payload) {

    Decision {
        payload = Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    }

    static Decision workflow(String actionType, String response, Map<String, Object> payload) {
        return new Decision(actionType, response, actionType, payload);
    }

    static Decision respond(String response) {
        return new Decision("respond", response, null, Map.of());
    }

    /** @return true when a workflow must be fired */
    boolean requiresWorkflow() {
        return actionType != null;
    }

    /**
     * @return the agent output of the contract: {@code response}, {@code requires_workflow},
     *         {@code workflow_action_type}, {@code workflow_payload}; the map
     *         {@link org.bhiv.bridge.WorkflowTrigger} reads
     */
    Map<String, Object> agentOutput() {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("response", response);
        output.put("requires_workflow", requiresWorkflow());
        output.put("workflow_action_type", actionType);
        output.put("workflow_payload", payload);
        return output;
    }
}

package org.bhiv.core;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of {@code POST /handle_task}.
 *
 * @param taskId      a new UUID; the trace_id of everything downstream
 * @param agentOutput {@code response}, {@code requires_workflow}, {@code workflow_action_type}, {@code workflow_payload}
 * @param status      always {@code success}: the answer never depends on the executor
 */
record TaskResponse(@JsonProperty("task_id") String taskId,
                    @JsonProperty("agent_output") Map<String, Object> agentOutput,
                    String status) {
}

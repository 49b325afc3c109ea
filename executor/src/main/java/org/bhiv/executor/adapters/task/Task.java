package org.bhiv.executor.adapters.task;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A task created by the task adapter; also its JSON form at {@code GET /api/tasks/{task_id}}.
 *
 * @param taskId      the deterministic {@code task_} identifier
 * @param traceId     the decision that created it
 * @param title       1..500 characters
 * @param description optional, may be {@code null}
 * @param userId      the payload's user_id ({@code system} when absent)
 * @param status      {@code CREATED}
 * @param createdAt   when it was created
 */
public record Task(@JsonProperty("task_id") String taskId,
                   @JsonProperty("trace_id") String traceId,
                   String title,
                   String description,
                   @JsonProperty("user_id") String userId,
                   @JsonProperty("task_status") String status,
                   @JsonProperty("created_at") Instant createdAt) {

    /** The status of a new task. */
    public static final String CREATED = "CREATED";

    /** @return {@code local://tasks/<task_id>} */
    @JsonProperty("reference")
    public String reference() {
        return "local://tasks/" + taskId;
    }
}

package org.bhiv.bridge;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bhiv.bridge.testing.FakeExecutor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkflowTriggerTest {

    @Test
    void resultThatRequiresAWorkflowBecomesATrigger() {
        var result = Map.of("requires_workflow", true, "workflow_action_type", "email",
                "workflow_payload", Map.of("recipient", "a@example.com", "subject", "s", "body", "b"));

        var trigger = WorkflowTrigger.from(result, "task-1", "user-1").orElseThrow();

        assertThat(trigger.traceId()).isEqualTo("task-1");
        assertThat(trigger.actionType()).isEqualTo("email");
        assertThat(trigger.userId()).isEqualTo("user-1");
        assertThat(trigger.payload()).containsOnly(
                Map.entry("recipient", "a@example.com"), Map.entry("subject", "s"), Map.entry("body", "b"),
                Map.entry("user_id", "user-1"), Map.entry("trace_id", "task-1"));
    }

    @Test
    void resultWithoutRequiresWorkflowGivesNoTrigger() {
        assertThat(WorkflowTrigger.from(Map.of("response", "hello"), "t", null)).isEmpty();
        assertThat(WorkflowTrigger.from(Map.of("requires_workflow", false), "t", null)).isEmpty();
        assertThat(WorkflowTrigger.from(Map.of("requires_workflow", "yes"), "t", null)).isEmpty();
        assertThat(WorkflowTrigger.from(null, "t", null)).isEmpty();
    }

    @Test
    void requiresWorkflowMayBeTheStringTrue() {
        assertThat(WorkflowTrigger.from(Map.of("requires_workflow", "TRUE"), "t", null)).isPresent();
    }

    @Test
    void actionTypeDefaultsToTask() {
        var missing = WorkflowTrigger.from(Map.of("requires_workflow", true), "t", null).orElseThrow();
        var blank = WorkflowTrigger.from(Map.of("requires_workflow", true, "workflow_action_type", " "), "t", null)
                .orElseThrow();

        assertThat(missing.actionType()).isEqualTo("task");
        assertThat(blank.actionType()).isEqualTo("task");
        assertThat(missing.payload()).containsExactly(Map.entry("trace_id", "t"));
    }

    @Test
    void traceIdAndUserIdWinOverThePayloadsOwn() {
        Map<String, Object> result = new HashMap<>();
        result.put("requires_workflow", true);
        result.put("workflow_payload", Map.of("trace_id", "other", "user_id", "other", "title", "x"));

        var trigger = WorkflowTrigger.from(result, "t", "me").orElseThrow();

        assertThat(trigger.payload()).containsEntry("trace_id", "t").containsEntry("user_id", "me")
                .containsEntry("title", "x");
    }

    @Test
    void payloadThatIsNotAMapCountsAsEmpty() {
        var trigger = WorkflowTrigger.from(Map.of("requires_workflow", true, "workflow_payload", "oops"), "t", null)
                .orElseThrow();

        assertThat(trigger.payload()).containsExactly(Map.entry("trace_id", "t"));
    }

    @Test
    void fireSendsTheWorkflowThroughTheClient() throws Exception {
        try (FakeExecutor executor = FakeExecutor.start();
             WorkflowClient client = WorkflowClient.builder().baseUri(executor.baseUri()).build()) {
            var trigger = WorkflowTrigger.from(Map.of("requires_workflow", true,
                    "workflow_payload", Map.of("title", "Review code")), "task-9", "user-9").orElseThrow();

            var outcome = trigger.fire(client).toCompletableFuture().get(5, TimeUnit.SECONDS);

            assertThat(outcome).isInstanceOf(WorkflowOutcome.Delivered.class);
            var payload = executor.received().getFirst().body().path("data").path("payload");
            assertThat(payload.path("action_type").asText()).isEqualTo("task");
            assertThat(payload.path("title").asText()).isEqualTo("Review code");
            assertThat(payload.path("user_id").asText()).isEqualTo("user-9");
            assertThat(payload.path("trace_id").asText()).isEqualTo("task-9");
        }
    }
}

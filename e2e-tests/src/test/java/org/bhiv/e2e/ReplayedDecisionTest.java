package org.bhiv.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bhiv.bridge.WorkflowClient;
import org.bhiv.bridge.WorkflowOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A decision Core sends twice (a retry, a duplicate trigger) is harmless: the executor runs it
 * once, and Bucket and Karma each receive one event.
 */
class ReplayedDecisionTest {

    @Test
    void sameTraceIdSentTwiceThroughTheBridgeCreatesOneTaskOneBucketEventAndOneKarmaEvent(@TempDir Path dir) throws Exception {
        try (Stack stack = Stack.start(dir, Map.of())) {
            Workflows workflows = new Workflows(stack);
            WorkflowClient client = WorkflowClient.builder()
                    .baseUri(URI.create(stack.url(StackService.EXECUTOR)))
                    .token(Stack.CORE_TOKEN)
                    .timeout(Duration.ofSeconds(2))
                    .build();
            String traceId = "replayed-decision-1";
            Map<String, Object> payload = Map.of("title", "Review the replay", "description", "sent twice");

            WorkflowOutcome first = client.executeWorkflow(traceId, "task", payload, "replay_user")
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            WorkflowOutcome second = client.executeWorkflow(traceId, "task", payload, "replay_user")
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);

            assertThat(first).isInstanceOf(WorkflowOutcome.Delivered.class);
            assertThat(second).isInstanceOf(WorkflowOutcome.Delivered.class);
            var firstAnswer = (WorkflowOutcome.Delivered) first;
            var secondAnswer = (WorkflowOutcome.Delivered) second;
            assertThat(firstAnswer.replayed()).isFalse();
            assertThat(secondAnswer.replayed()).isTrue();
            assertThat(secondAnswer.executionResult()).isEqualTo(firstAnswer.executionResult());

            Http.Answer lookup = workflows.execution(traceId);
            assertThat(lookup.status()).isEqualTo(200);
            assertThat(lookup.json().path("executions")).hasSize(1);
            String taskId = String.valueOf(firstAnswer.executionResult().get("task_id"));
            assertThat(Http.get(stack.url(StackService.EXECUTOR) + "/api/tasks/" + taskId, Stack.OPERATOR_TOKEN).status())
                    .isEqualTo(200);

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(workflows.bucketCount(traceId, "workflow_execution")).isEqualTo(1);
                assertThat(workflows.karmaCount("replay_user", traceId)).isEqualTo(1);
            });
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(workflows.execution(traceId).json()
                    .path("executions").get(0).path("deliveries").findValuesAsText("state")).containsOnly("delivered"));
            assertThat(workflows.bucketCount(traceId, "workflow_execution")).isEqualTo(1);
            assertThat(workflows.karmaCount("replay_user", traceId)).isEqualTo(1);
        }
    }
}

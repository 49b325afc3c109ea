package org.bhiv.core;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bhiv.bridge.testing.HangingServer;
import org.bhiv.bridge.testing.Ports;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Core keeps answering at once while the executor and Bucket hang or are down.
 */
class HandleTaskFaultTest {

    private static final String TASK = "{\"agent\":\"edumentor_agent\",\"input\":\"Create a task to review code\"}";

    @Test
    void answersPromptlyWhileTheExecutorAndBucketHang() throws Exception {
        try (HangingServer executor = HangingServer.start();
             HangingServer bucket = HangingServer.start();
             CoreClient core = CoreClient.start(Map.of("workflow-executor.url", executor.baseUri(),
                     "bucket.url", bucket.baseUri()))) {
            core.postTask("{\"agent\":\"warm\",\"input\":\"hello\"}");

            long start = System.nanoTime();
            var answer = core.postTask(TASK);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(tookMs).as("answered without waiting for the executor").isLessThan(1000);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("status").asText()).isEqualTo("success");
            assertThat(answer.body().path("agent_output").path("requires_workflow").asBoolean()).isTrue();
            // The executor holds the task's connection and the background health probe's.
            await().atMost(Duration.ofSeconds(2)).until(() -> executor.accepted() == 2 && bucket.accepted() == 1);

            // The bridge gives up within its 2 s budget and counts it; health says the executor is unreachable.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                var health = core.get("/health").body();
                assertThat(health.path("workflow_executor").path("reachable").asBoolean()).isFalse();
                assertThat(health.path("workflow_executor").path("failed").asLong()).isEqualTo(1);
                assertThat(health.path("workflow_executor").path("in_flight").asLong()).isZero();
                assertThat(health.path("bucket_events").path("failed").asLong()).isEqualTo(1);
            });
        }
    }

    @Test
    void answersWhileTheExecutorAndBucketAreDownAndCountsTheFailure() {
        try (CoreClient core = CoreClient.start(Map.of("workflow-executor.url", Ports.closedPortUri(),
                "bucket.url", Ports.closedPortUri()))) {
            var answer = core.postTask(TASK);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("agent_output").path("workflow_action_type").asText()).isEqualTo("task");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                var health = core.get("/health").body();
                assertThat(health.path("status").asText()).isEqualTo("healthy");
                var executor = health.path("workflow_executor");
                assertThat(executor.path("reachable").asBoolean()).isFalse();
                assertThat(executor.path("sent").asLong()).isEqualTo(1);
                assertThat(executor.path("failed").asLong()).isEqualTo(1);
                assertThat(executor.path("unavailable").asLong()).isEqualTo(1);
                assertThat(health.path("bucket_events").path("failed").asLong()).isEqualTo(1);
            });
        }
    }

    @Test
    void excessWorkflowsAreDroppedAndCountedWhileTheExecutorHangs() throws Exception {
        try (HangingServer executor = HangingServer.start();
             CoreClient core = CoreClient.start(Map.of("workflow-executor.url", executor.baseUri(),
                     "workflow-executor.max-in-flight", "1", "bucket.url", Ports.closedPortUri()))) {
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                assertThat(core.postTask(TASK).status()).isEqualTo(200);
            }
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1500);

            var executorHealth = core.get("/health").body().path("workflow_executor");
            assertThat(executorHealth.path("dropped").asLong()).isEqualTo(2);
            assertThat(executorHealth.path("sent").asLong()).isEqualTo(1);
        }
    }
}
